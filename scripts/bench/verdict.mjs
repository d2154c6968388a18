// What a checker decided, read from its JSON, and whether two checkers agree.

/**
 * The rules both sides implement (docs/rules.md). The peer has no TXB004+
 * (test/reference/README.md), so those warnings are counted apart.
 */
const SHARED_CODES = new Set(['TXB000', 'TXB001', 'TXB002', 'TXB003']);

/**
 * The verdict in a probe run's output. A side whose command does not know
 * the option (exit 2, "unknown option": `check --all` before it exists) is
 * "not available" rather than a crash of the bench.
 */
export function readVerdict(result) {
  if (result.error) return { available: false, reason: result.error.message };
  if (result.status === 2 && /unknown option|unrecognized arguments/i.test(result.stderr)) {
    return { available: false, reason: firstLine(result.stderr) };
  }
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`exited ${result.status}\n${result.stderr}`);
  }
  const report = JSON.parse(result.stdout);
  const shared = report.violations.filter((v) => SHARED_CODES.has(v.code));
  return {
    available: true,
    violations: shared.length,
    otherFindings: report.violations.length - shared.length,
    errors: report.errors.length,
    keys: shared.map((v) => `${v.code} ${v.file}:${v.line}:${v.column} ${v.function}`).sort(),
  };
}

/** Same number of TXB000–TXB003 violations, and which ones differ when not. */
export function compareVerdicts(ours, peer) {
  if (!ours.available || !peer.available) return { comparable: false, agree: null, note: 'not comparable: one side is not available' };
  const theirs = new Set(peer.keys);
  const mine = new Set(ours.keys);
  const onlyOurs = ours.keys.filter((key) => !theirs.has(key));
  const onlyPeer = peer.keys.filter((key) => !mine.has(key));
  const agree = ours.violations === peer.violations && onlyOurs.length === 0 && onlyPeer.length === 0;
  return { comparable: true, agree, onlyOurs, onlyPeer };
}

/** The gist of an error message: its first sentence. */
function firstLine(text) {
  return (text.trim().split('\n')[0] ?? '').split(/\. /)[0];
}
