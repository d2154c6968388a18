// What the figures were measured on: they mean little without it.

import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem } from 'node:os';

function firstLine(file, args) {
  const result = spawnSync(file, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return 'not available';
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0];
}

/** The commit measured, and whether dist/ was built from uncommitted (or untracked) sources. */
export function describeRevision(root) {
  const head = firstLine('git', ['-C', root, 'rev-parse', '--short', 'HEAD']);
  const status = spawnSync('git', ['-C', root, 'status', '--porcelain', '--', 'src', 'scripts/build.mjs', 'package.json'], { encoding: 'utf8' });
  return status.stdout?.trim() ? `${head} + uncommitted changes in src/` : head;
}

/** CPU count, memory, and the versions of everything the bench starts. */
export function describeMachine() {
  const free = spawnSync('free', ['-h'], { encoding: 'utf8' });
  const memLine = free.status === 0 ? free.stdout.split('\n').find((line) => line.startsWith('Mem:')) : undefined;
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memory: memLine ? `${memLine.trim().split(/\s+/)[1]} total (free -h)` : `${(totalmem() / 2 ** 30).toFixed(1)} GiB total`,
    kernel: `${process.platform} ${release()}`,
    node: process.version,
    git: firstLine('git', ['--version']),
    python: firstLine('python3', ['--version']),
    hyperfine: firstLine('hyperfine', ['--version']),
  };
}
