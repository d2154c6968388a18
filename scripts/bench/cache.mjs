// Scenario repositories are built once and reused until the generator changes.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './git-repo.mjs';
import { buildScenario } from './scenarios.mjs';

/** Bump whenever generated content changes: old repositories are then rebuilt. */
export const GENERATOR_VERSION = 1;

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** node_modules/.cache/txboundary-bench, or TXBOUNDARY_BENCH_CACHE. */
export function cacheRoot() {
  return process.env.TXBOUNDARY_BENCH_CACHE ?? join(PROJECT_ROOT, 'node_modules', '.cache', 'txboundary-bench');
}

/** The empty HOME that every bench process runs with (see benchEnv). */
export function benchHome() {
  return join(cacheRoot(), 'home');
}

/**
 * The scenario's repository, built now if the cache has none for this
 * generator version. A build goes to a scratch directory renamed into place
 * only when complete, so an interrupted run never leaves a half repository.
 */
export function scenarioRepo(scenario, { rebuild = false } = {}) {
  const versionDir = join(cacheRoot(), `v${GENERATOR_VERSION}`);
  const home = join(cacheRoot(), 'home');
  const finalDir = join(versionDir, scenario.id);
  const metaFile = join(finalDir, 'meta.json');
  if (!rebuild && existsSync(metaFile)) {
    return { dir: join(finalDir, 'repo'), meta: JSON.parse(readFileSync(metaFile, 'utf8')), buildMs: 0 };
  }
  removeOtherVersions();
  const scratch = join(versionDir, `${scenario.id}.partial-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  const started = performance.now();
  const meta = buildScenario(scenario, join(scratch, 'repo'), benchEnv(home));
  writeFileSync(join(scratch, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  rmSync(finalDir, { recursive: true, force: true });
  renameSync(scratch, finalDir);
  return { dir: join(finalDir, 'repo'), meta, buildMs: performance.now() - started };
}

/** Repositories of older generator versions (S3 alone is 20,000 files). */
function removeOtherVersions() {
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (/^v\d+$/.test(entry) && entry !== `v${GENERATOR_VERSION}`) rmSync(join(root, entry), { recursive: true, force: true });
  }
}
