// npm run bench: the scenarios of issues 5 and 12 against the floor
// (`node -e 0`, `git diff --cached`) and the Python peer, in one run, and
// with `--node24` on a second Node.js in the same rounds. See BENCHMARKS.md.
//
//   node scripts/bench/run.mjs [--only S1,S4] [--runs N] [--budget SECONDS] [--rebuild] [--hyperfine]
//                              [--node24 PATH]   (or TXB_BENCH_NODE24=PATH)

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchHome, cacheRoot, GENERATOR_VERSION, scenarioRepo } from './cache.mjs';
import { benchEnv } from './git-repo.mjs';
import { hasHyperfine } from './hyperfine.mjs';
import { describeMachine, describeRevision } from './machine.mjs';
import { measureScenario } from './measure-scenario.mjs';
import { createMemoryMeter } from './memory.mjs';
import { disagreementWarnings, legendTable, scenarioTable, targetTable } from './report.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { SECOND_NODE_HINT, secondNode } from './second-node.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = join(ROOT, '.bench', 'results.json');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string' },
    budget: { type: 'string', default: '20' },
    rebuild: { type: 'boolean', default: false },
    hyperfine: { type: 'boolean', default: false },
    node24: { type: 'string' },
  },
});

/** A usage problem: one line on stderr, exit 2, no stack trace. */
function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const started = performance.now();
const runs = values.runs === undefined ? undefined : Number(values.runs);
const budget = Number(values.budget);
if ((runs !== undefined && !(Number.isInteger(runs) && runs > 0)) || !(budget > 0)) {
  fail('--runs takes a whole number of runs (at least 1), --budget a number of seconds');
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (line = '') => process.stdout.write(`${line}\n`);

if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  fail('dist/cli.js is missing: run `npm run bench` (it builds first) or `npm run build`.');
}
const wanted = values.only ? values.only.split(',').map((id) => id.trim()) : null;
const scenarios = SCENARIOS.filter((scenario) => !scenario.auxiliary && (!wanted || wanted.includes(scenario.id)));
if (scenarios.length === 0)
  fail(
    `--only ${values.only}: no such scenario (have ${SCENARIOS.filter((s) => !s.auxiliary)
      .map((s) => s.id)
      .join(', ')})`,
  );
const needed = SCENARIOS.filter((scenario) => scenarios.some((s) => s.id === scenario.id || s.companions.includes(scenario.id)));
const withHyperfine = values.hyperfine && hasHyperfine();
let node24;
try {
  node24 = secondNode(values.node24);
} catch (error) {
  fail(error.message);
}

const machine = describeMachine();
const revision = describeRevision(ROOT);
const load = loadavg()[0];
log(`txboundary bench · ${new Date().toISOString()} · revision ${revision}`);
log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memory}, ${machine.kernel}`);
log(`versions: node ${machine.node}${node24 ? ` (and ${node24.version}: ${node24.path})` : ''} · ${machine.git} · ${machine.python}`);
// Other processes share the CPUs: the load says how far the absolute figures are inflated (the ratios less so).
log(`load: 1-minute average ${load.toFixed(1)} on ${availableParallelism()} CPUs at start`);
if (load > availableParallelism() / 2) {
  log(`note: the machine is busy (1-minute load ${load.toFixed(1)} on ${availableParallelism()} CPUs); medians will be inflated.`);
}
if (values.hyperfine && !withHyperfine) log('note: --hyperfine asked for, but hyperfine is not on PATH; using the built-in timer only.');

log(`\nScenario repositories (cache ${cacheRoot()}, generator v${GENERATOR_VERSION}):`);
const repos = {};
for (const scenario of needed) {
  repos[scenario.id] = scenarioRepo(scenario, { rebuild: values.rebuild });
  const { buildMs } = repos[scenario.id];
  log(`  ${scenario.id.padEnd(4)} ${buildMs > 0 ? `built in ${seconds(buildMs)}` : 'reused'}`);
}

const env = benchEnv(benchHome());
const meter = createMemoryMeter();
log(`\nTiming (built-in timer: spawnSync + hrtime, interleaved runs; peak RSS by ${meter.method}):`);
const results = {};
for (const scenario of scenarios) {
  const scenarioStarted = performance.now();
  results[scenario.id] = measureScenario(scenario, repos[scenario.id], {
    companions: scenario.companions.map((id) => ({ id, repo: repos[id] })),
    node24,
    env,
    meter,
    runs,
    budgetMs: budget * 1000,
    withHyperfine,
  });
  log(`  ${scenario.id.padEnd(4)} ${results[scenario.id].runs} timed runs in ${seconds(performance.now() - scenarioStarted)}`);
}

log(`\n${scenarioTable(scenarios, results, node24)}`);
log(`\n${targetTable(results, node24)}`);
if (!node24) log(`\n${SECOND_NODE_HINT}`);
log(`\n${legendTable(needed, repos, results)}`);
const warnings = disagreementWarnings(scenarios, results);
if (warnings.length > 0) log(`\n${warnings.join('\n')}`);
if (withHyperfine) {
  log('\nhyperfine cross-check (median ms, hyperfine / built-in):');
  for (const scenario of scenarios) {
    const { hyperfine, timing } = results[scenario.id];
    log(
      `  ${scenario.id.padEnd(4)} ${Object.entries(hyperfine)
        .map(([name, ms]) => `${name} ${ms?.toFixed(1) ?? 'n/a'} / ${timing[name].median.toFixed(1)}`)
        .join(' · ')}`,
    );
  }
}

const totalMs = performance.now() - started;
const loadAtEnd = loadavg()[0];
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(
  RESULTS,
  `${JSON.stringify({ date: new Date().toISOString(), revision, machine, loadAverageAtStart: load, loadAverageAtEnd: loadAtEnd, node24: node24 ?? null, generatorVersion: GENERATOR_VERSION, memoryMethod: meter.method, totalSeconds: totalMs / 1000, scenarios: Object.fromEntries(scenarios.map((s) => [s.id, { title: s.title, ...results[s.id] }])) }, null, 2)}\n`,
);
log(`\nTotal bench time ${seconds(totalMs)}; 1-minute load ${loadAtEnd.toFixed(1)} at the end; results in ${RESULTS.slice(ROOT.length)}`);
