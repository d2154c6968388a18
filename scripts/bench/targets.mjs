// The targets of issue 5 (item 4), checked against one run's figures.

/** Above this scaling exponent, S4's cost grows faster than its staged lines. */
export const LINEARITY_TOLERANCE = 1.15;

/**
 * @typedef {object} TargetCheck
 * @property {string} scenario
 * @property {string} cell       the table column the figure sits in
 * @property {string} target     as the issue words it
 * @property {number|null} value the measured figure (null: not measurable)
 * @property {string} shown      the figure as printed
 * @property {boolean|null} pass null when the figure is not available
 * @property {string} margin
 */

/** Every target of the issue, from the medians of one run. */
export function checkTargets(results) {
  const s = (id) => results[id];
  const median = (id, name) => s(id)?.timing?.[name]?.median ?? null;
  const ratio = (a, b) => (a === null || b === null ? null : a / b);
  const checks = [
    atMost('S5', 'xNode', 'S5 ≤ 1.3× `node -e 0`', ratio(median('S5', 'txboundary'), median('S5', 'node')), 1.3, times),
    atMost('S1', 'xNode', 'S1 ≤ 2.0× `node -e 0`', ratio(median('S1', 'txboundary'), median('S1', 'node')), 2.0, times),
    atMost('S1', 'xPeer', 'S1 faster than the Python peer', ratio(median('S1', 'txboundary'), median('S1', 'peer')), 1.0, times),
    atMost('S2', 'xNode', 'S2 ≤ 2.0× `node -e 0`', ratio(median('S2', 'txboundary'), median('S2', 'node')), 2.0, times),
    atMost('S3', 'extra', 'S3 ≤ 1.1× S1', ratio(median('S3', 'txboundary'), median('S3', 'txboundary@S1')), 1.1, (v) => `${v.toFixed(2)}× S1`),
    atMost('S4', 'extra', `S4 linear in staged lines (scaling exponent ≤ ${LINEARITY_TOLERANCE})`, scalingExponent(results), LINEARITY_TOLERANCE, (v) => `k = ${v.toFixed(2)}`),
    atMost('S4', 'peak', 'S4 ≤ 150 MiB peak', s('S4')?.peakMiB?.txboundary ?? null, 150, (v) => `${v.toFixed(0)} MiB`),
    atLeast('S6', 'extra', "S6 at least the Python peer's throughput", ratio(throughput(s('S6'), 'txboundary'), throughput(s('S6'), 'peer')), 1.0, (v) => `${v.toFixed(2)}× peer`),
  ];
  return checks;
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

function atMost(scenario, cell, target, value, limit, format) {
  return judge({ scenario, cell, target, value, format }, value !== null && value <= limit, limit);
}

function atLeast(scenario, cell, target, value, limit, format) {
  return judge({ scenario, cell, target, value, format }, value !== null && value >= limit, limit);
}

function judge({ scenario, cell, target, value, format }, pass, limit) {
  if (value === null) return { scenario, cell, target, value, shown: 'n/a', pass: null, margin: 'not measurable in this run' };
  const off = Math.abs(value / limit - 1) * 100;
  return { scenario, cell, target, value, shown: format(value), pass, margin: pass ? `${off.toFixed(0)}% headroom` : `missed by ${off.toFixed(0)}%` };
}

/** PASS, MISS or N/A, as printed next to a figure. */
export function verdictWord(check) {
  return check.pass === null ? 'N/A' : check.pass ? 'PASS' : 'MISS';
}
