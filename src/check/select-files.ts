import picomatch from 'picomatch';
import type { DiffEntry } from '../git/parse-raw-diff.js';

const REGULAR_FILE = new Set(['100644', '100755']);
const CHECKED_STATUSES = new Set(['A', 'M', 'R', 'C', 'T']);

export interface FileFilter {
  include: readonly string[];
  exclude: readonly string[];
  /** Repo-relative paths given on the command line (files or directories); empty means all. */
  only: readonly string[];
}

/**
 * docs/rules.md "Files": entries whose new side is a regular `*.py` file matching `include` and not `exclude`;
 * deletions, symlinks, submodules and unmerged paths are never checked.
 */
export function selectFiles(entries: readonly DiffEntry[], filter: FileFilter): DiffEntry[] {
  const isIncluded = picomatch([...filter.include], { dot: true });
  const isExcluded = filter.exclude.length > 0 ? picomatch([...filter.exclude], { dot: true }) : () => false;
  return entries.filter(
    (entry) =>
      CHECKED_STATUSES.has(entry.status) && REGULAR_FILE.has(entry.newMode) && entry.path.endsWith('.py') && isIncluded(entry.path) && !isExcluded(entry.path) && isRequested(entry.path, filter.only),
  );
}

function isRequested(path: string, only: readonly string[]): boolean {
  return only.length === 0 || only.some((wanted) => wanted === '' || path === wanted || path.startsWith(`${wanted}/`));
}

export function hasComparableOldSide(entry: DiffEntry): boolean {
  return entry.status !== 'A' && REGULAR_FILE.has(entry.oldMode);
}
