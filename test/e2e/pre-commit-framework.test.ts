/**
 * txboundary under the pre-commit framework (https://pre-commit.com), the way
 * Python teams run it: `.pre-commit-config.yaml` names this project's git
 * repository and a commit sha, pre-commit installs the `language: node` hook
 * from it (clone, npm install, npm pack, npm install -g into its own
 * environment), `pre-commit install` writes `.git/hooks/pre-commit`, and a
 * real `git commit` runs it.
 *
 * The repository is a local clone of this project with the release commit on
 * top (`npm run release-tree`: the built package and .pre-commit-hooks.yaml),
 * which is what a `rev:` tag of a release points at: its package.json has
 * nothing to install and nothing to build, so the install needs no network.
 * HOME, XDG_CACHE_HOME and PRE_COMMIT_HOME (pre-commit's store) point into
 * the temp directory.
 *
 * Skipped only where `pre-commit` is not installed; `.ci/run` installs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXED, VIOLATION } from '../helpers/create-order.js';
import { createRepo, defPosition, type GitRepo, snapshotRepo } from '../helpers/git-repo.js';
import { cloneWithReleaseCommit, npmEnv } from '../helpers/packed-package.js';

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
    ? 'pre-commit framework: the txboundary hook installed from a git repository and a rev sha'
    : 'pre-commit framework: SKIPPED, `pre-commit` is not on PATH (apt-get install pre-commit; .ci/run installs it)',
  { timeout: 60_000 },
  () => {
    let repo: GitRepo;
    let env: NodeJS.ProcessEnv;
    let hook: ManifestHook;
    const run = (command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
      const result = spawnSync(command, args, { cwd: repo.dir, env: { ...env, ...extraEnv }, encoding: 'utf8' });
      if (result.error) throw result.error;
      return { code: result.status ?? -1, output: result.stdout + result.stderr };
    };
    const preCommit = (...args: string[]) => run('pre-commit', args);
    const commit = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => run('git', ['commit', ...args], extraEnv);
    const head = () => repo.git('rev-parse', 'HEAD').trim();

    beforeAll(() => {
      repo = createRepo({ files: { 'README.md': '# shop\n' }, commit: 'init' });
      env = npmEnv({
        ...repo.env,
        XDG_CACHE_HOME: join(repo.home, '.cache'),
        PRE_COMMIT_HOME: join(repo.home, 'pre-commit-store'),
        SKIP: undefined,
        NO_COLOR: '1',
      });
      for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
      const clone = join(repo.home, 'txboundary.git');
      const rev = cloneWithReleaseCommit(clone, env);
      const released = JSON.parse(execFileSync('git', ['-C', clone, 'show', `${rev}:package.json`], { env, encoding: 'utf8' }));
      expect(released).not.toHaveProperty('devDependencies');
      expect(released).not.toHaveProperty('scripts');

      // YAML is a superset of JSON. The second entry is the CI recipe of the
      // README: the same hook in range mode, run with --hook-stage manual.
      const config = {
        repos: [
          {
            repo: clone,
            rev,
            hooks: [{ id: 'txboundary' }, { id: 'txboundary', alias: 'txboundary-ci', args: ['--base', 'main'], stages: ['manual'], pass_filenames: false, always_run: true }],
          },
        ],
      };
      repo.write('.pre-commit-config.yaml', `${JSON.stringify(config, null, 2)}\n`);
      const installHooks = preCommit('install-hooks');
      expect(installHooks.code, installHooks.output).toBe(0);
      const install = preCommit('install');
      expect(install.code, install.output).toBe(0);
      // txboundary comes from pre-commit's environment, not from the repository.
      expect(existsSync(repo.path('node_modules'))).toBe(false);

      // pre-commit records its own interpreter in the hook; that one has PyYAML.
      const python = /^INSTALL_PYTHON=(.+)$/m.exec(readFileSync(repo.path('.git/hooks/pre-commit'), 'utf8'))?.[1];
      expect(python, 'INSTALL_PYTHON not found in the installed hook').toBeTruthy();
      const load = spawnSync(python as string, ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', MANIFEST], { encoding: 'utf8' });
      expect(load.status, load.stderr).toBe(0);
      const hooks = JSON.parse(load.stdout) as ManifestHook[];
      expect(hooks).toHaveLength(1);
      hook = hooks[0] as ManifestHook;

      repo.git('add', '.pre-commit-config.yaml');
      const first = commit(['-m', 'add pre-commit config']);
      expect(first.code, first.output).toBe(0);
    }, 180_000);
    afterEach(() => {
      repo.git('reset', '-q', '--hard');
      repo.git('clean', '-q', '-fd');
    });
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
      const before = head();
      repo.stageFile('shop/orders.py', VIOLATION);
      const blocked = commit(['-m', 'add orders']);
      expect(blocked.code).not.toBe(0);
      const { line, column } = defPosition(VIOLATION, 'create_order');
      expect(blocked.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+Failed/);
      expect(blocked.output).toContain('- hook id: txboundary');
      expect(blocked.output).toContain(`shop/orders.py:${line}:${column} TXB001`);
      expect(blocked.output).toContain('help:');
      expect(blocked.output).toContain('Transaction boundary: Single operation, automatically atomic.');
      expect(blocked.output).toContain('To bypass once: SKIP=txboundary git commit (git commit --no-verify skips every hook).');
      expect(head()).toBe(before);
      expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('shop/orders.py');

      repo.stageFile('shop/orders.py', FIXED);
      const passed = commit(['-m', 'add orders']);
      expect(passed.code, passed.output).toBe(0);
      expect(passed.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+Passed/);
      expect(head()).not.toBe(before);
      expect(repo.git('show', 'HEAD:shop/orders.py')).toBe(FIXED);
    });

    it('a partially staged file is judged by the index and keeps its unstaged edits, byte for byte', () => {
      repo.stageFile('shop/carts.py', renamed(FIXED, 'create_cart'));
      expect(commit(['-m', 'carts']).code).toBe(0);
      const before = head();

      const staged = renamed(VIOLATION, 'create_cart');
      const unstaged = `${renamed(FIXED, 'create_cart')}\n\n# unstaged \u2014 not part of this commit\n`;
      repo.stageFile('shop/carts.py', staged);
      repo.write('shop/carts.py', unstaged);
      const snapshot = snapshotRepo(repo);

      // pre-commit stashes the unstaged edits while hooks run; txboundary reads the index anyway.
      const blocked = commit(['-m', 'carts: drop docs']);
      expect(blocked.code).not.toBe(0);
      expect(blocked.output).toContain('shop/carts.py:1:5 TXB002');
      expect(head()).toBe(before);
      expect(readFileSync(repo.path('shop/carts.py'), 'utf8')).toBe(unstaged);
      expect(snapshotRepo(repo)).toEqual(snapshot);
    });

    it('a commit without staged Python files skips the hook', () => {
      const before = head();
      repo.stageFile('README.md', '# shop\n\nNotes.\n');
      const result = commit(['-m', 'readme']);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+\(no files to check\)Skipped/);
      expect(head()).not.toBe(before);
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
      expect(commit(['--no-verify', '-m', 'legacy']).code).toBe(0);

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
      // shebang; txboundary checks `*.py` files only (docs/rules.md).
      const before = head();
      repo.write('bin/import-orders', `#!/usr/bin/env python3\n${renamed(VIOLATION, 'import_orders')}`);
      chmodSync(repo.path('bin/import-orders'), 0o755);
      repo.git('add', 'bin/import-orders');
      const result = commit(['-m', 'script']);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+Passed/);
      expect(head()).not.toBe(before);
    });

    it('SKIP=txboundary git commit bypasses it, as the hint says', () => {
      const before = head();
      repo.stageFile('shop/skipped.py', renamed(VIOLATION, 'create_skipped'));
      const result = commit(['-m', 'skipped'], { SKIP: 'txboundary' });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/txboundary \(Transaction boundary docstrings\)\.+Skipped/);
      expect(head()).not.toBe(before);
    });

    it('the CI recipe: the same hook with --base in the manual stage checks what a branch adds, bypassed commits included', () => {
      repo.git('checkout', '-q', '-b', 'feature');
      try {
        repo.stageFile('shop/shipping.py', renamed(VIOLATION, 'create_shipment'));
        expect(commit(['--no-verify', '-m', 'shipping']).code).toBe(0);
        const ci = preCommit('run', 'txboundary-ci', '--hook-stage', 'manual');
        expect(ci.code, ci.output).toBe(1);
        expect(ci.output).toMatch(/^shop\/shipping\.py:\d+:\d+ TXB001 /m);
        expect(ci.output).toContain('of this change');
      } finally {
        repo.git('checkout', '-q', 'main');
        repo.git('branch', '-q', '-D', 'feature');
      }
    });
  },
);
