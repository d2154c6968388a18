/** One entry of the staged change, as `git diff-index --raw` reports it. */
export interface DiffEntry {
  /** A added, M modified, R renamed, C copied, T type changed, D deleted, U unmerged. */
  status: string;
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  /** The source of a rename or copy, else `path`. */
  oldPath: string;
  /** After the change, repo-relative with `/`. */
  path: string;
}

/**
 * Parses `git diff-index --raw -z` output: a header, then one path, or two for renames and copies (source, then
 * destination), each NUL-terminated; `-z` means paths are never quoted:
 *
 *     :100644 100644 de98044… a7bc997… R050\0x y.py\0z.py\0
 *     :000000 100644 0000000… bca70f3… A\0new.py\0
 */
export function parseRawDiff(output: string): DiffEntry[] {
  const fields = output.split('\0');
  const entries: DiffEntry[] = [];
  let index = 0;
  while (index < fields.length) {
    const header = fields[index++];
    if (!header) continue;
    const [oldMode, newMode, oldOid, newOid, statusWithScore] = header.slice(1).split(' ');
    if (!header.startsWith(':') || !oldMode || !newMode || !oldOid || !newOid || !statusWithScore) {
      throw new Error(`unexpected line in git's raw diff: ${JSON.stringify(header)}`);
    }
    const status = statusWithScore.charAt(0);
    const firstPath = fields[index++] ?? '';
    const twoPaths = status === 'R' || status === 'C';
    const path = twoPaths ? (fields[index++] ?? '') : firstPath;
    entries.push({ status, oldMode, newMode, oldOid, newOid, oldPath: firstPath, path });
  }
  return entries;
}
