/**
 * A consumer's repository for the e2e tests: txboundary installed the way npm
 * installs it, husky's own installer, and a real `git commit` that runs the
 * installed hook.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { GitRepo } from './git-repo.js';
import { CLI_PATH } from './run-cli.js';

const HUSKY_BIN = fileURLToPath(new URL('../../node_modules/husky/bin.js', import.meta.url));

export interface ConsumerRepo {
  repo: GitRepo;
  head(): string;
  /** `git commit ...args`, hooks and all; stdout and stderr together, since hooks print to either. */
  commit(args: string[], env?: NodeJS.ProcessEnv): { code: number; output: string };
  /** Back to HEAD between tests. Not `clean -x`: node_modules/ and .husky/_ are ignored and must stay. */
  reset(): void;
}

/**
 * What `npm install --save-dev txboundary` leaves in `repo`:
 * `node_modules/.bin/txboundary` linked to the built CLI. `env` is added to
 * every commit.
 */
export function installTxboundary(repo: GitRepo, env: NodeJS.ProcessEnv = {}): ConsumerRepo {
  expect(existsSync(CLI_PATH), `${CLI_PATH} is missing: run npm run build`).toBe(true);
  mkdirSync(repo.path('node_modules/.bin'), { recursive: true });
  symlinkSync(CLI_PATH, repo.path('node_modules/.bin/txboundary'));
  return {
    repo,
    head: () => repo.git('rev-parse', 'HEAD').trim(),
    commit(args, extraEnv = {}) {
      const result = repo.run(['commit', ...args], { allowFailure: true, env: { ...env, ...extraEnv } });
      return { code: result.code, output: result.stdout + result.stderr };
    },
    reset() {
      repo.git('reset', '-q', '--hard');
      repo.git('clean', '-q', '-fd');
    },
  };
}

/** Runs husky's own installer in `repo`, which sets `core.hooksPath=.husky/_`. */
export function installHusky(repo: GitRepo): void {
  const install = spawnSync(process.execPath, [HUSKY_BIN], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  expect(install.status, `husky install failed: ${install.stderr}${install.stdout}`).toBe(0);
}
