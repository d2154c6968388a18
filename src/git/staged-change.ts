import type { ChangedLines } from '../types.js';
import type { Git } from './exec.js';
import { type DiffEntry, parseRawDiff } from './parse-raw-diff.js';
import { parsePatch } from './parse-patch.js';

/**
 * Flags shared by both diff calls. Plumbing (`diff-index`) ignores the porcelain settings a user may have (diff.renames,
 * diff.noprefix, diff.mnemonicPrefix, diff.external, color.ui): see git-config(1), "diff.* ... used by git-diff(1) porcelain".
 * What plumbing does honour is pinned here.
 */
// -l0: no rename limit, so diff.renameLimit cannot turn a rename into an addition.
const DETECTION = ['-M', '-C', '-l0', '--no-ext-diff', '--no-textconv'];

/** The change to check: the index against a tree (staged mode), or one commit against another (CI range mode). */
export interface ChangeRange {
  /** Tree-ish the change starts from: HEAD, the empty tree before the first commit, or a merge base. */
  base: string;
  /** The commit the change ends at; absent for the index. */
  head?: string;
}

/** `diff-index --cached <flags> <base>` for the index, `diff-tree -r <flags> <base> <head>` between commits. */
function diffArgs(range: ChangeRange, flags: readonly string[]): string[] {
  return range.head === undefined ? ['diff-index', '--cached', ...flags, range.base] : ['diff-tree', '-r', ...flags, range.base, range.head];
}

/** Every entry of the change (`git diff-index --cached --raw -z`, or `diff-tree`). */
export async function readDiffEntries(git: Git, range: ChangeRange): Promise<DiffEntry[]> {
  const { stdout } = await git(diffArgs(range, ['--raw', '-z', ...DETECTION]));
  return parseRawDiff(stdout.toString('utf8'));
}

/** Beyond this many bytes of paths, diff everything rather than risk the argument-size limit. */
const MAX_PATHSPEC_BYTES = 100_000;

/** The hunks of the given entries, in staged line numbers, by new path. Both sides of a rename are named so git pairs them. */
export async function readChangedLines(git: Git, range: ChangeRange, entries: readonly DiffEntry[]): Promise<Map<string, ChangedLines>> {
  const paths = [...new Set(entries.flatMap((entry) => [entry.oldPath, entry.path]))];
  const pathBytes = paths.reduce((sum, path) => sum + Buffer.byteLength(path) + 1, 0);
  const pathspec = pathBytes > MAX_PATHSPEC_BYTES ? [] : paths;
  const { stdout } = await git([
    // Names are file names, not patterns: `*` or `:(glob)` in a name must not expand.
    '--literal-pathspecs',
    ...diffArgs(range, [
      '-p',
      '-U0',
      ...DETECTION,
      '--no-color',
      // Hunks exactly as `git diff` shows them by default, whatever diff.algorithm says.
      '--diff-algorithm=myers',
      '--indent-heuristic',
      // A .py file marked binary in .gitattributes still has lines to check.
      '--text',
      '--src-prefix=a/',
      '--dst-prefix=b/',
    ]),
    '--',
    ...pathspec,
  ]);
  return parsePatch(stdout.toString('utf8'));
}
