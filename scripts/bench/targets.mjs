// The targets of issue 12, and those of issue 5 (item 4) that stay, checked
// against one run's figures.

/** Above this scaling exponent, S4's cost grows faster than its staged lines. */
export const LINEARITY_TOLERANCE = 1.15;

/**
 * @typedef {object} TargetCheck
 * @property {string} scenario
 * @property {string} cell       the table column the figure sits in
 * @property {number} issue      the issue that set the target
 * @property {string} target     as the issue words it
 * @property {number|null} value the measured figure (null: not measurable)
 * @property {string} shown      the figure as printed
 * @property {boolean|null} pass null when the figure is not available
 * @property {string} margin
 */

/**
 * Every target, from the medians of one run. The verdicts are the primary
 * runtime's (Node 20, the oldest supported); with `second`, the same
 * targets read from the second Node.js's runs in the same rounds (its
 * txboundary over its own `node -e 0`). S3 and S4 are timed on the primary
 * runtime only.
 */
export function checkTargets(results, { second = false } = {}) {
  const s = (id) => results[id];
  const median = (id, name) => s(id)?.timing?.[name]?.median ?? null;
  const ratio = (a, b) => (a === null || b === null ? null : a / b);
  const txb = second ? 'txboundary24' : 'txboundary';
  const node = second ? 'node24' : 'node';
  const xNode = (id) => ratio(median(id, txb), median(id, node));
  const xPeer = (id) => ratio(median(id, txb), median(id, 'peer'));
  const checks = [
    atMost({ scenario: 'S7', cell: 'xNode', issue: 12, target: 'S7 (real-size commit, cold) ≤ 2.0× `node -e 0`' }, xNode('S7'), 2.0, times),
    atMost({ scenario: 'S1', cell: 'xNode', issue: 12, target: 'S1 (cold) ≤ 2.0× `node -e 0`' }, xNode('S1'), 2.0, times),
    atMost({ scenario: 'S2', cell: 'xNode', issue: 12, target: 'S2 (cold) ≤ 2.0× `node -e 0`' }, xNode('S2'), 2.0, times),
    atMost({ scenario: 'S5', cell: 'xNode', issue: 12, target: 'S5 ≤ 1.2× `node -e 0`' }, xNode('S5'), 1.2, times),
    atMost({ scenario: 'S1', cell: 'xPeer', issue: 12, target: 'S1 faster than the Python peer' }, xPeer('S1'), 1.0, times),
    atMost({ scenario: 'S2', cell: 'xPeer', issue: 12, target: 'S2 faster than the Python peer' }, xPeer('S2'), 1.0, times),
    atLeast(
      { scenario: 'S6', cell: 'extra', issue: 12, target: "S6 at least the Python peer's throughput" },
      ratio(throughput(s('S6'), txb), throughput(s('S6'), 'peer')),
      1.0,
      (v) => `${v.toFixed(2)}× peer`,
    ),
  ];
  if (second) return checks;
  return [
    ...checks,
    atMost({ scenario: 'S3', cell: 'extra', issue: 5, target: 'S3 ≤ 1.1× S1' }, ratio(median('S3', 'txboundary'), median('S3', 'txboundary@S1')), 1.1, (v) => `${v.toFixed(2)}× S1`),
    atMost(
      { scenario: 'S4', cell: 'extra', issue: 5, target: `S4 linear in staged lines (scaling exponent ≤ ${LINEARITY_TOLERANCE})` },
      scalingExponent(results),
      LINEARITY_TOLERANCE,
      (v) => `k = ${v.toFixed(2)}`,
    ),
    atMost({ scenario: 'S4', cell: 'peak', issue: 5, target: 'S4 ≤ 150 MiB peak' }, s('S4')?.peakMiB?.txboundary ?? null, 150, (v) => `${v.toFixed(0)} MiB`),
  ];
}

/** Checked lines per second (S6: every line of every file). */
export function throughput(result, name) {
  const ms = result?.timing?.[name]?.median;
  return ms ? result.meta.checkedLines / (ms / 1000) : null;
}

/** Median ms per 1,000 staged lines; `meta` when the command ran in a companion's repository. */
export function msPerThousandLines(result, name, meta = result?.meta) {
  const ms = result?.timing?.[name]?.median;
  return ms && meta.stagedLines > 0 ? ms / (meta.stagedLines / 1000) : null;
}

/**
 * k in cost − cost(S1) ∝ stagedLines^k, from S4 at half and full size,
 * timed in the same rounds. S1 (a handful of staged lines) stands for the
 * fixed cost of any Python commit; k = 1 is linear, k > 1 grows faster
 * than the change.
 */
export function scalingExponent(results) {
  const s4 = results.S4;
  const [base, half, full] = ['txboundary@S1', 'txboundary@S4h', 'txboundary'].map((name) => s4?.timing?.[name]?.median ?? null);
  if (base === null || half === null || full === null || half <= base || full <= base) return null;
  return Math.log((full - base) / (half - base)) / Math.log(s4.meta.stagedLines / s4.companions.S4h.stagedLines);
}

function times(value) {
  return `${value.toFixed(2)}×`;
}

/** `what`: scenario, cell, issue and target wording. */
function atMost(what, value, limit, format) {
  return judge(what, value, format, value !== null && value <= limit, limit);
}

function atLeast(what, value, limit, format) {
  return judge(what, value, format, value !== null && value >= limit, limit);
}

function judge(what, value, format, pass, limit) {
  if (value === null) return { ...what, value, shown: 'n/a', pass: null, margin: 'not measurable in this run' };
  const off = Math.abs(value / limit - 1) * 100;
  return { ...what, value, shown: format(value), pass, margin: pass ? `${off.toFixed(0)}% headroom` : `missed by ${off.toFixed(0)}%` };
}

/** PASS, MISS or N/A, as printed next to a figure. */
export function verdictWord(check) {
  return check.pass === null ? 'N/A' : check.pass ? 'PASS' : 'MISS';
}
