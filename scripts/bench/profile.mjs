// Where one txboundary run spends its time: a V8 CPU profile of `check` in
// a scenario repository, summed into phases by call stack.
//
//   node scripts/bench/profile.mjs [S1] [--top 15]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchHome, scenarioRepo } from './cache.mjs';
import { benchEnv } from './git-repo.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { formatTable } from './table.mjs';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/**
 * A sample belongs to the first phase that any frame of its stack matches:
 * wasm frames under `parse` are parsing, under the analyzer tree walking,
 * and elsewhere (instantiation, grammar load) parser start-up.
 */
const PHASES = [
  ['garbage collection', (frame) => frame.functionName === '(garbage collector)'],
  ['idle: waiting for git or the disk', (frame) => frame.functionName === '(idle)'],
  ['tree-sitter parse', (frame) => frame.functionName === 'parse' && frame.url.includes('web-tree-sitter')],
  ['analysis (tree walking, facts)', (frame) => /\/analyze-[^/]*\.js$/.test(frame.url)],
  ['parser init (wasm compile, grammar load)', (frame) => frame.url.includes('web-tree-sitter') || frame.url.startsWith('wasm://')],
  ['spawning git', (frame) => frame.url === 'node:internal/child_process'],
  ['module loading', (frame) => frame.url.startsWith('node:internal/modules')],
  ['rest of txboundary (diff parsing, rules, output)', (frame) => frame.url.includes('/dist/')],
];

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
const scenario = SCENARIOS.find((s) => s.id === (positionals[0] ?? 'S1'));
if (!scenario) throw new Error(`no scenario ${positionals[0]}`);
const repo = scenarioRepo(scenario);
const out = mkdtempSync(join(tmpdir(), 'txb-profile-'));
const args = ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', '100', CLI, 'check', ...(scenario.mode === 'all' ? ['--all'] : [])];
const started = performance.now();
const run = spawnSync(process.execPath, args, { cwd: repo.dir, env: benchEnv(benchHome()), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
const wallMs = performance.now() - started;
if (run.status !== 0 && run.status !== 1) throw new Error(`txboundary exited ${run.status}\n${run.stderr}`);
const profile = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8'));
rmSync(out, { recursive: true, force: true });

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const phaseMs = new Map();
const selfMs = new Map();
profile.samples.forEach((id, i) => {
  const ms = profile.timeDeltas[i] / 1000;
  const leaf = nodes.get(id).callFrame;
  const key = `${leaf.functionName || '(anonymous)'}  ${shortUrl(leaf.url)}`;
  selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
  const phase = phaseOf(id);
  phaseMs.set(phase, (phaseMs.get(phase) ?? 0) + ms);
});
const profiledMs = (profile.endTime - profile.startTime) / 1000;
phaseMs.set('outside the profile (node bootstrap; exit, which writes the profile)', wallMs - profiledMs);
// One warm-up, then the floor this profile can be compared with.
spawnSync(process.execPath, ['-e', '0'], { cwd: repo.dir, env: benchEnv(benchHome()) });
const floorStarted = performance.now();
spawnSync(process.execPath, ['-e', '0'], { cwd: repo.dir, env: benchEnv(benchHome()) });
const floorMs = performance.now() - floorStarted;

console.log(`${scenario.id}: ${scenario.title}`);
console.log(
  `wall ${wallMs.toFixed(0)} ms with profiling on (sampling every 0.1 ms adds overhead), ${profiledMs.toFixed(0)} ms inside the profile; \`node -e 0\` takes ${floorMs.toFixed(0)} ms here\n`,
);
const byPhase = [...phaseMs].sort((a, b) => b[1] - a[1]).map(([phase, ms]) => [phase, ms.toFixed(1), `${((ms / wallMs) * 100).toFixed(0)}%`]);
console.log(formatTable(['phase', 'ms', 'share of wall'], byPhase, ['l', 'r', 'r']));
const top = [...selfMs]
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(values.top))
  .map(([fn, ms]) => [fn, ms.toFixed(1)]);
console.log(`\n${formatTable(['hottest functions (self time)', 'ms'], top, ['l', 'r'])}`);

function phaseOf(id) {
  const stack = [];
  for (let current = id; current !== undefined; current = parents.get(current)) stack.push(nodes.get(current).callFrame);
  const match = PHASES.find(([, test]) => stack.some(test));
  return match ? match[0] : 'other (V8 compile, runtime)';
}

function shortUrl(url) {
  return url.replace(/^file:\/\/.*\/node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
}
