// One scenario, measured: verdicts and peak memory from a probe run, then
// interleaved timed runs of txboundary, the floors and the peer.

import { fileURLToPath } from 'node:url';
import { describeCommand, timeInterleaved, timeOnce } from './measure.mjs';
import { hyperfineMedians } from './hyperfine.mjs';
import { compareVerdicts, readVerdict } from './verdict.mjs';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SPAWN_ONE_GIT = "require('node:child_process').spawnSync('git', process.argv.slice(1), { stdio: 'ignore' })";
const PEER = fileURLToPath(new URL('../../test/reference/txboundary_ref.py', import.meta.url));

/**
 * The four commands of a scenario, all run in its repository, plus
 * txboundary in each companion's repository (`txboundary@S1`) and, with a
 * second Node.js (`--node24`), txboundary and `node -e 0` on it.
 */
export function scenarioCommands(scenario, cwd, companions = [], node24 = null) {
  const all = scenario.mode === 'all' ? ['--all'] : [];
  // The same job on both sides: txboundary pairs copies with their source (git -C), so the peer does too.
  const peerArgs = scenario.mode === 'all' ? all : ['--find-copies'];
  // S6 stages nothing: listing the index is the git floor of a whole-repository check.
  const gitArgs = scenario.mode === 'all' ? ['ls-files', '--stage'] : ['diff', '--cached'];
  return [
    { name: 'txboundary', label: ['node dist/cli.js check', ...all].join(' '), file: process.execPath, args: [CLI, 'check', ...all], cwd, okStatuses: [0, 1] },
    { name: 'peer', label: ['python3 test/reference/txboundary_ref.py', ...peerArgs].join(' '), file: 'python3', args: [PEER, ...peerArgs], cwd, okStatuses: [0, 1] },
    { name: 'node', label: 'node -e 0', file: process.execPath, args: ['-e', '0'], cwd, okStatuses: [0] },
    { name: 'git', label: `git ${gitArgs.join(' ')}`, file: 'git', args: gitArgs, cwd, okStatuses: [0] },
    // The floor of any Node.js hook that asks git anything: start, load child_process, run one git process.
    ...(scenario.spawnFloor
      ? [{ name: 'nodeGit', label: "node -e \"spawnSync('git', ['diff', '--cached'])\"", file: process.execPath, args: ['-e', SPAWN_ONE_GIT, ...gitArgs], cwd, okStatuses: [0] }]
      : []),
    ...companions.map((companion) => ({
      name: `txboundary@${companion.id}`,
      label: `node dist/cli.js check, in ${companion.id}'s repository`,
      file: process.execPath,
      args: [CLI, 'check'],
      cwd: companion.repo.dir,
      okStatuses: [0, 1],
    })),
    // The same check and the same floor on the second runtime, in the same rounds: its ratio is to its own start-up.
    ...(node24
      ? [
          { name: 'txboundary24', label: [`${node24.label} dist/cli.js check`, ...all].join(' '), file: node24.path, args: [CLI, 'check', ...all], cwd, okStatuses: [0, 1] },
          { name: 'node24', label: `${node24.label} -e 0`, file: node24.path, args: ['-e', '0'], cwd, okStatuses: [0] },
        ]
      : []),
  ];
}

/**
 * @param {object} options
 * @param {{id: string, repo: {dir: string, meta: object}}[]} options.companions
 * @param {number|undefined} options.runs   fixed number of timed runs, or undefined to fit the budget
 * @param {number} options.budgetMs         time budget for the timed runs of this scenario
 * @param {import('./second-node.mjs').SecondNode|null} [options.node24]  a second Node.js timed in the same rounds
 */
export function measureScenario(scenario, repo, { companions, node24 = null, env, meter, runs, budgetMs, withHyperfine }) {
  const commands = scenarioCommands(scenario, repo.dir, companions, node24);
  const [ours, peer, ...others] = commands;

  // The probe run is also the first warm-up: the JSON verdict and the peak RSS.
  const probe = (command, extraArgs) => {
    const started = performance.now();
    const result = meter.run(command.file, [...command.args, ...extraArgs], { cwd: command.cwd, env });
    let verdict;
    try {
      verdict = readVerdict(result);
    } catch (error) {
      throw new Error(`${scenario.id}: ${[describeCommand(command), ...extraArgs].join(' ')} ${error.message}`);
    }
    return { verdict, peakMiB: verdict.available ? result.peakMiB : null, ms: performance.now() - started };
  };
  const probes = { txboundary: probe(ours, ['--format', 'json']), peer: probe(peer, []) };
  const othersMs = others.reduce((sum, command) => sum + timeOnce(command, env), 0);

  const timed = commands.filter((command) => probes[command.name]?.verdict.available !== false);
  const roundMs = othersMs + Object.values(probes).reduce((sum, p) => sum + (p.verdict.available ? p.ms : 0), 0);
  const chosenRuns = runs ?? Math.min(15, Math.max(3, Math.floor(budgetMs / roundMs)));
  const warmups = scenario.heavy ? 0 : 1;
  const summaries = timeInterleaved(timed, { runs: chosenRuns, warmups }, env);

  const timing = Object.fromEntries(timed.map((command, i) => [command.name, summaries[i]]));
  const verdicts = { txboundary: probes.txboundary.verdict, peer: probes.peer.verdict };
  return {
    meta: repo.meta,
    companions: Object.fromEntries(companions.map((companion) => [companion.id, companion.repo.meta])),
    commands: Object.fromEntries(commands.map((command) => [command.name, command.label])),
    runs: chosenRuns,
    warmups: warmups + 1,
    timing,
    peakMiB: { txboundary: probes.txboundary.peakMiB, peer: probes.peer.peakMiB },
    verdicts,
    comparison: compareVerdicts(verdicts.txboundary, verdicts.peer),
    hyperfine: withHyperfine ? crossCheck(timed, chosenRuns, env) : undefined,
  };
}

/** hyperfine's medians beside ours, when asked for (`--hyperfine`). */
function crossCheck(commands, runs, env) {
  const medians = hyperfineMedians(commands, { runs, warmups: 1 }, env);
  return Object.fromEntries(commands.map((command, i) => [command.name, medians[i]]));
}
