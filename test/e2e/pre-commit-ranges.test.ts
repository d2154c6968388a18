/**
 * txboundary installed by the pre-commit framework the way a team gets it:
 * `repo:` a git repository of txboundary, `rev:` a commit sha, and the
 * published hook (`language: node`: pre-commit clones it, `npm install`s,
 * packs and installs it in its own environment). The repository is a
 * snapshot of this working tree, so the code under test is what gets
 * installed. npm reads packages from the developer's npm cache first.
 *
 * What the README ("With the pre-commit framework") promises: `--from-ref`
 * / `--to-ref` and the pre-push hook check the range; `--all-files` never
 * passes while checking nothing.
 *
 * Skipped only where `pre-commit` is not installed; `.ci/run` installs it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXED, VIOLATION } from '../helpers/create-order.js';
import { createRepo, type GitRepo } from '../helpers/git-repo.js';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const renamed = (source: string, name: string) => source.replace(/create_order/g, name);

/** A git repository holding this working tree's tracked files, committed: what `repo:` points at. */
function snapshotProject(): { repo: GitRepo; sha: string } {
  const repo = createRepo();
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: PROJECT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${PROJECT}: ${listed.stderr}`);
  for (const path of listed.stdout.split('\0').filter(Boolean)) {
    const source = join(PROJECT, path);
    if (!existsSync(source)) continue;
    mkdirSync(dirname(repo.path(path)), { recursive: true });
    copyFileSync(source, repo.path(path));
  }
  return { repo, sha: repo.commitAll('txboundary under test') };
}

describe.skipIf(!hasPreCommit)(
  hasPreCommit
    ? 'pre-commit framework, language: node: ranges, pre-push and --all-files'
    : 'pre-commit framework: SKIPPED, `pre-commit` is not on PATH (apt-get install pre-commit; .ci/run installs it)',
  { timeout: 120_000 },
  () => {
    let project: { repo: GitRepo; sha: string };
    let repo: GitRepo;
    let remote: GitRepo;
    let env: NodeJS.ProcessEnv;
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { cwd: repo.dir, env, encoding: 'utf8' });
      if (result.error) throw result.error;
      return { code: result.status ?? -1, output: result.stdout + result.stderr };
    };
    const preCommit = (...args: string[]) => run('pre-commit', args);
    const hookLine = /txboundary \(Transaction boundary docstrings\)\.+(Passed|Failed)/;

    beforeAll(() => {
      project = snapshotProject();
      remote = createRepo();
      remote.git('config', 'receive.denyCurrentBranch', 'ignore');
      repo = createRepo({ files: { 'README.md': '# shop\n', 'shop/orders.py': FIXED }, commit: 'init' });
      env = {
        ...repo.env,
        PRE_COMMIT_HOME: join(repo.home, 'pre-commit'),
        SKIP: undefined,
        NO_COLOR: '1',
        // The packages `npm ci` already fetched for this project, without asking the registry again.
        npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      };
      for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
      const config = { repos: [{ repo: project.repo.dir, rev: project.sha, hooks: [{ id: 'txboundary' }] }] };
      repo.write('.pre-commit-config.yaml', `${JSON.stringify(config, null, 2)}\n`);
      repo.commitAll('pre-commit config');
      const install = preCommit('install-hooks');
      expect(install.code, install.output).toBe(0);
      repo.git('remote', 'add', 'origin', remote.dir);
      repo.git('push', '-q', '--no-verify', 'origin', 'main');
    }, 300_000);
    afterEach(() => {
      repo.git('checkout', '-q', '-f', 'main');
      repo.git('clean', '-q', '-fd');
    });
    afterAll(() => {
      for (const made of [repo, remote, project?.repo]) made?.cleanup();
    });

    /** A branch off main with one commit adding `shop/<name>.py`. */
    const branchAdding = (branch: string, name: string, source: string) => {
      repo.git('checkout', '-q', '-b', branch, 'main');
      repo.write(`shop/${name}.py`, source);
      repo.git('add', '-A');
      repo.git('commit', '-q', '--no-verify', '-m', `add ${name}`);
    };

    it('pre-commit run --from-ref/--to-ref checks what the range adds', () => {
      branchAdding('refunds', 'refunds', renamed(VIOLATION, 'create_refund'));
      const blocked = preCommit('run', '--from-ref', 'main', '--to-ref', 'HEAD');
      expect(blocked.code, blocked.output).toBe(1);
      expect(blocked.output).toMatch(hookLine);
      expect(blocked.output).toMatch(/shop\/refunds\.py:\d+:\d+ TXB001/);
      expect(blocked.output).toContain('of this change');

      branchAdding('coupons', 'coupons', renamed(FIXED, 'create_coupon'));
      const passed = preCommit('run', '--from-ref', 'main', '--to-ref', 'HEAD');
      expect(passed.code, passed.output).toBe(0);
      expect(passed.output).toMatch(/Passed/);
    });

    it('the pre-push hook checks the commits being pushed', () => {
      const install = preCommit('install', '--hook-type', 'pre-push');
      expect(install.code, install.output).toBe(0);
      branchAdding('invoices', 'invoices', renamed(VIOLATION, 'create_invoice'));
      const blocked = run('git', ['push', 'origin', 'invoices']);
      expect(blocked.code, blocked.output).not.toBe(0);
      expect(blocked.output).toMatch(/shop\/invoices\.py:\d+:\d+ TXB001/);
      // Range mode's summary, not the staged check's.
      expect(blocked.output).toContain('of this change');
      expect(remote.run(['rev-parse', '--verify', '-q', 'refs/heads/invoices'], { allowFailure: true }).code).not.toBe(0);

      repo.write('shop/invoices.py', renamed(FIXED, 'create_invoice'));
      repo.git('commit', '-q', '--no-verify', '-am', 'document invoices');
      const pushed = run('git', ['push', 'origin', 'invoices']);
      expect(pushed.code, pushed.output).toBe(0);
    });

    it('pre-commit run --all-files with nothing staged checks the files given, never a bare Passed', () => {
      repo.git('checkout', '-q', '-b', 'legacy', 'main');
      repo.write('shop/legacy.py', renamed(VIOLATION, 'create_legacy'));
      repo.git('add', '-A');
      repo.git('commit', '-q', '--no-verify', '-m', 'legacy');
      const result = preCommit('run', '--all-files');
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain('nothing is staged in the files given');
      expect(result.output).toMatch(/shop\/legacy\.py:\d+:\d+ TXB001/);
      expect(result.output).not.toContain('shop/orders.py');
    });
  },
);
