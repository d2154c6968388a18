// Wall-clock timing of commands, in Node alone (hyperfine is optional).

import { spawnSync } from 'node:child_process';

/**
 * @typedef {object} Command
 * @property {string} name        key in the results (txboundary, peer, node, git)
 * @property {string} label       how the report shows it
 * @property {string} file
 * @property {string[]} args
 * @property {string} cwd
 * @property {number[]} okStatuses exit statuses that mean "ran fine" (1 = violations found)
 */

export function describeCommand(command) {
  return [command.file, ...command.args].join(' ');
}

/**
 * One run, output discarded as a terminal would swallow it, timed from
 * spawn to exit with the monotonic clock.
 */
export function timeOnce(command, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command.file, command.args, { cwd: command.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw new Error(`${describeCommand(command)} could not start: ${result.error.message}`);
  if (!command.okStatuses.includes(result.status)) {
    throw new Error(`${describeCommand(command)} exited ${result.status} in ${command.cwd}\n${result.stderr}`);
  }
  return ms;
}

/**
 * Times the commands round-robin (A B C D, A B C D, ...), so a change in
 * machine load during the scenario touches every command alike and the
 * ratios measured in one run stay fair.
 */
export function timeInterleaved(commands, { runs, warmups }, env) {
  const samples = commands.map(() => []);
  for (let round = 0; round < warmups + runs; round++) {
    commands.forEach((command, i) => {
      const ms = timeOnce(command, env);
      if (round >= warmups) samples[i].push(ms);
    });
  }
  return samples.map(summarize);
}

/** Median, spread and the raw samples (ms). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length, samples };
}
