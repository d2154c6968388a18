import type { ChangedLines, LineRange } from './types.js';

/** Every line of the file counts as changed: a new file, or one that was not a Python file before. */
export const WHOLE_FILE = 'whole-file';
export type Changes = ChangedLines | typeof WHOLE_FILE;

/**
 * docs/rules.md "Modified": the staged span contains an added line, or lines were removed right after line `c` with
 * `start <= c < end` (removing the line after `def` counts; removing lines after the function's last line does not).
 */
export function isModified(span: LineRange, changes: Changes): boolean {
  if (changes === WHOLE_FILE) return true;
  return changes.added.some((range) => overlaps(range, span)) || changes.deletedAfter.some((line) => span.start <= line && line < span.end);
}

/** Whether a range of lines was touched by the change, deletions at its edges included. */
export function touches(range: LineRange, changes: Changes): boolean {
  if (changes === WHOLE_FILE) return true;
  return changes.added.some((added) => overlaps(added, range)) || changes.deletedAfter.some((line) => range.start - 1 <= line && line <= range.end);
}

export function overlaps(a: LineRange, b: LineRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}
