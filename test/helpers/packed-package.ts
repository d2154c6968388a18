/**
 * The package as users get it: `npm pack` of this project, and the release
 * commit that git installs (the pre-commit framework) clone, made by
 * `scripts/release-tree.mjs`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PROJECT_ROOT } from './git-repo.js';
import { CLI_PATH } from './run-cli.js';

/**
 * npm's environment for a test: the hermetic HOME of `env` (so its cache and
 * ~/.npmrc are the test's), no `npm_*` variables inherited from `npm test`,
 * and no audit, funding or update notices, which would need the network.
 */
export function npmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return { ...clean, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

/**
 * `npm pack` of this project into `destination`; returns the tarball's path.
 * `--ignore-scripts`: dist/ was built before the suites started (npm test),
 * and prepack would rebuild it under the feet of the test files running
 * beside this one.
 */
export function packProject(destination: string, env: NodeJS.ProcessEnv): string {
  expect(existsSync(CLI_PATH), `${CLI_PATH} is missing: run npm run build`).toBe(true);
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: PROJECT_ROOT,
    env: npmEnv(env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [{ filename }] = JSON.parse(output) as [{ filename: string }];
  return join(destination, filename);
}

/**
 * A local clone of this project with the release commit on top (the built
 * package and .pre-commit-hooks.yaml, tagged), as `npm run release-tree`
 * makes it; returns the commit's sha.
 */
export function cloneWithReleaseCommit(clone: string, env: NodeJS.ProcessEnv): string {
  execFileSync('git', ['clone', '-q', '--no-checkout', '--depth', '1', `file://${PROJECT_ROOT}`, clone], { env, stdio: 'pipe' });
  const script = join(PROJECT_ROOT, 'scripts', 'release-tree.mjs');
  const identity = { GIT_AUTHOR_NAME: 'Release', GIT_AUTHOR_EMAIL: 'release@example.com', GIT_COMMITTER_NAME: 'Release', GIT_COMMITTER_EMAIL: 'release@example.com' };
  return execFileSync(process.execPath, [script, '--into', clone, '--no-build', '--tag', 'v0.0.0-test'], {
    env: { ...npmEnv(env), ...identity },
    encoding: 'utf8',
  }).trim();
}

/** Bytes of every file under `dir`, as `du --apparent-size` counts them. */
export function treeSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeSize(path);
    else total += lstatSync(path).size;
  }
  return total;
}
