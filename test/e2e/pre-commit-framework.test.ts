/**
 * txboundary under the pre-commit framework (https://pre-commit.com), the way
 * Python teams run their hooks: `pre-commit install` writes `.git/hooks/pre-commit`
 * and a real `git commit` runs it.
 *
 * The hook comes from the project's own `.pre-commit-hooks.yaml`, read with
 * pre-commit's YAML loader, turned into a `repo: local` hook: the published
 * `language: node` would make pre-commit clone the repository and `npm install`
 * it from the registry, so here the same hook runs as `language: system` with
 * its entry resolved to `node_modules/.bin/txboundary` (linked to the built CLI,
 * as npm would). Local hooks need no network; HOME and XDG_CACHE_HOME (where
 * pre-commit keeps its store and logs) point into the temp directory.
 *
 * Skipped only where `pre-commit` is not installed; `.ci/run` installs it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerRepo, installTxboundary } from '../helpers/consumer-repo.js';
import { FIXED, VIOLATION } from '../helpers/create-order.js';
import { createRepo, defPosition, type GitRepo, snapshotRepo } from '../helpers/git-repo.js';

const MANIFEST = fileURLToPath(new URL('../../.pre-commit-hooks.yaml', import.meta.url));

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

const renamed = (source: string, name: string) => source.replace(/create_order/g, name);

interface ManifestHook {
  id: string;
  name: string;
  description?: string;
  entry: string;
  language: string;
  types?: string[];
  require_serial?: boolean;
  pass_filenames?: boolean;
}

describe.skipIf(!hasPreCommit)(
  hasPreCommit
    ? 'pre-commit framework: the txboundary hook from .pre-commit-hooks.yaml'
    : 'pre-commit framework: SKIPPED, `pre-commit` is not on PATH (apt-get install pre-commit; .ci/run installs it)',
  { timeout: 60_000 },
  () => {
    let consumer: ConsumerRepo;
    let repo: GitRepo;
    let env: NodeJS.ProcessEnv;
    let hook: ManifestHook;
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { cwd: repo.dir, env, encoding: 'utf8' });
      if (result.error) throw result.error;
      return { code: result.status ?? -1, output: result.stdout + result.stderr };
    };
    const preCommit = (...args: string[]) => run('pre-commit', args);

    beforeAll(() => {
      repo = createRepo({ files: { 'README.md': '# shop\n', '.gitignore': 'node_modules/\n' }, commit: 'init' });
      env = {
        ...repo.env,
        XDG_CACHE_HOME: join(repo.home, '.cache'),
        PRE_COMMIT_HOME: undefined,
        SKIP: undefined,
        NO_COLOR: '1',
      };
      consumer = installTxboundary(repo, env);

      const install = preCommit('install');
      expect(install.code, install.output).toBe(0);
      // pre-commit records its own interpreter in the hook; that one has PyYAML.
      const python = /^INSTALL_PYTHON=(.+)$/m.exec(readFileSync(repo.path('.git/hooks/pre-commit'), 'utf8'))?.[1];
      expect(python, 'INSTALL_PYTHON not found in the installed hook').toBeTruthy();
      const load = spawnSync(
        python as string,
        ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', MANIFEST],
        { encoding: 'utf8' },
      );
      expect(load.status, load.stderr).toBe(0);
      const hooks = JSON.parse(load.stdout) as ManifestHook[];
      expect(hooks).toHaveLength(1);
      hook = hooks[0] as ManifestHook;

      // YAML is a superset of JSON.
      const local = { ...hook, language: 'system', entry: `node_modules/.bin/${hook.entry}` };
      repo.write('.pre-commit-config.yaml', `${JSON.stringify({ repos: [{ repo: 'local', hooks: [local] }] }, null, 2)}\n`);
      repo.git('add', '.pre-commit-config.yaml');
      const first = consumer.commit(['-m', 'add pre-commit config']);
      expect(first.code, first.output).toBe(0);
    });
    afterEach(() => consumer.reset());
    afterAll(() => repo?.cleanup());

    it('the manifest is valid for pre-commit and declares the documented hook', () => {
      const validate = run('pre-commit', ['validate-manifest', MANIFEST]);
      expect(validate.code, validate.output).toBe(0);
      expect(hook).toMatchObject({
        id: 'txboundary',
        name: 'txboundary (Transaction boundary docstrings)',
        entry: 'txboundary check',
        language: 'node',
        types: ['python'],
        require_serial: true,
        pass_filenames: true,
      });
      expect(hook.description).toMatch(/Transaction boundary:/);
      const config = run('pre-commit', ['validate-config', '.pre-commit-config.yaml']);
      expect(config.code, config.output).toBe(0);
    });

    it('blocks a git commit with a staged violation, then lets the fixed one through', () => {
      const before = consumer.head();
      repo.stageFile('shop/orders.py', VIOLATION);
      const blocked = consumer.commit(['-m', 'add orders']);
      expect(blocked.code).not.toBe(0);
      const { line, column } = defPosition(VIOLATION, 'create_order');
      expect(blocked.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+Failed/);
      expect(blocked.output).toContain('- hook id: txboundary');
      expect(blocked.output).toContain(`shop/orders.py:${line}:${column} TXB001`);
      expect(blocked.output).toContain('help:');
      expect(blocked.output).toContain('Transaction boundary: Single operation, automatically atomic.');
      expect(consumer.head()).toBe(before);
      expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('shop/orders.py');

      repo.stageFile('shop/orders.py', FIXED);
      const passed = consumer.commit(['-m', 'add orders']);
      expect(passed.code, passed.output).toBe(0);
      expect(passed.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+Passed/);
      expect(consumer.head()).not.toBe(before);
      expect(repo.git('show', 'HEAD:shop/orders.py')).toBe(FIXED);
    });

    it('a partially staged file is judged by the index and keeps its unstaged edits, byte for byte', () => {
      repo.stageFile('shop/carts.py', renamed(FIXED, 'create_cart'));
      expect(consumer.commit(['-m', 'carts']).code).toBe(0);
      const before = consumer.head();

      const staged = renamed(VIOLATION, 'create_cart');
      const unstaged = `${renamed(FIXED, 'create_cart')}\n\n# unstaged \u2014 not part of this commit\n`;
      repo.stageFile('shop/carts.py', staged);
      repo.write('shop/carts.py', unstaged);
      const snapshot = snapshotRepo(repo);

      // pre-commit stashes the unstaged edits while hooks run; txboundary reads the index anyway.
      const blocked = consumer.commit(['-m', 'carts: drop docs']);
      expect(blocked.code).not.toBe(0);
      expect(blocked.output).toContain('shop/carts.py:1:5 TXB002');
      expect(consumer.head()).toBe(before);
      expect(readFileSync(repo.path('shop/carts.py'), 'utf8')).toBe(unstaged);
      expect(snapshotRepo(repo)).toEqual(snapshot);
    });

    it('a commit without staged Python files skips the hook', () => {
      const before = consumer.head();
      repo.stageFile('README.md', '# shop\n\nNotes.\n');
      const result = consumer.commit(['-m', 'readme']);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+\(no files to check\)Skipped/);
      expect(consumer.head()).not.toBe(before);
    });

    it('pre-commit run --files restricts the check to the files given', () => {
      repo.stageFile('shop/refunds.py', renamed(VIOLATION, 'create_refund'));
      repo.stageFile('shop/coupons.py', renamed(VIOLATION, 'create_coupon'));

      const one = preCommit('run', '--files', 'shop/refunds.py');
      expect(one.code).toBe(1);
      expect(one.output).toContain('shop/refunds.py:1:5 TXB001');
      expect(one.output).not.toContain('coupons');
      expect(one.output).toContain('1 problem in 1 file');

      const staged = preCommit('run');
      expect(staged.code).toBe(1);
      expect(staged.output).toContain('shop/refunds.py:1:5 TXB001');
      expect(staged.output).toContain('shop/coupons.py:1:5 TXB001');
    });

    it('pre-commit run --all-files judges the staged change, or every file given when nothing of them is staged', () => {
      // Legacy code, committed before the hook existed.
      repo.stageFile('shop/legacy.py', renamed(VIOLATION, 'create_legacy'));
      expect(consumer.commit(['--no-verify', '-m', 'legacy']).code).toBe(0);

      // Nothing staged: no bare "Passed" that checked nothing (README, "With the pre-commit framework").
      const whole = preCommit('run', '--all-files');
      expect(whole.code, whole.output).toBe(1);
      expect(whole.output).toContain('nothing is staged in the files given');
      expect(whole.output).toMatch(/shop\/legacy\.py:\d+:\d+ TXB001/);

      repo.stageFile('shop/invoices.py', renamed(VIOLATION, 'create_invoice'));
      const blocked = preCommit('run', '--all-files');
      expect(blocked.code).toBe(1);
      expect(blocked.output).toContain('shop/invoices.py:1:5 TXB001');
      expect(blocked.output).not.toContain('legacy');
    });

    it('a Python script without the .py suffix is passed by pre-commit but not checked', () => {
      // pre-commit's `types: [python]` also matches an executable with a Python
      // shebang; txboundary checks `*.py` files only (SPEC §3).
      const before = consumer.head();
      repo.write('bin/import-orders', `#!/usr/bin/env python3\n${renamed(VIOLATION, 'import_orders')}`);
      chmodSync(repo.path('bin/import-orders'), 0o755);
      repo.git('add', 'bin/import-orders');
      const result = consumer.commit(['-m', 'script']);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+Passed/);
      expect(consumer.head()).not.toBe(before);
    });
  },
);
