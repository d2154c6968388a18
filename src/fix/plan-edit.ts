import { diffArrays } from 'diff';
import type { LineEdit } from '../check/diagnostic.js';

type EditResult = { applied: true } | { applied: false; reason: string };

interface PlannedFile {
  /** The working-tree lines with every applicable edit made (the input itself when none was). */
  lines: string[];
  /** One entry per edit, in the order given. */
  results: EditResult[];
}

/**
 * Myers' diff costs time in proportion to the file's length times the number of differing lines;
 * past this many (a reformatted working tree, say) jsdiff gives up instead of taking seconds.
 */
export const MAX_DIFFERING_LINES = 1000;

/**
 * For each staged line (0-based), the 0-based working-tree line holding the same text, or -1 when changed or dropped.
 * Both sides are split on `\n` and compared exactly, so a line whose `\r` or trailing blanks changed counts as changed.
 * Undefined when more than {@link MAX_DIFFERING_LINES} lines differ.
 */
export function mapLines(staged: readonly string[], working: readonly string[]): Int32Array | undefined {
  const changes = diffArrays([...staged], [...working], { maxEditLength: MAX_DIFFERING_LINES });
  if (!changes) return undefined;
  const map = new Int32Array(staged.length).fill(-1);
  let from = 0;
  let to = 0;
  for (const change of changes) {
    if (change.added) {
      to += change.count;
    } else if (change.removed) {
      from += change.count;
    } else {
      for (let i = 0; i < change.count; i++) map[from++] = to++;
    }
  }
  return map;
}

/**
 * Carries edits of the staged lines over to the working-tree lines, only where every line of an edit's guard is still
 * there, unchanged, with nothing slipped in between: an unstaged edit of the docstring or signature is never guessed around.
 */
export function planEdits(staged: readonly string[], working: readonly string[], edits: readonly LineEdit[], map = mapLines(staged, working)): PlannedFile {
  const results = edits.map((edit): EditResult => {
    if (edit.start < edit.guard.start || edit.start + Math.max(edit.deleteCount, 1) - 1 > edit.guard.end) {
      throw new Error(`edit at line ${edit.start} lies outside its guard ${edit.guard.start}-${edit.guard.end}`);
    }
    if (!map) return { applied: false, reason: TOO_DIFFERENT };
    return guardHolds(map, edit) ? { applied: true } : { applied: false, reason: UNSTAGED_EDIT };
  });
  const applicable = edits.filter((_, i) => results[i]?.applied).sort((a, b) => b.start - a.start);
  if (!map || applicable.length === 0) return { lines: [...working], results };
  const lines = [...working];
  // Bottom-up, so the positions of the edits still to come stay valid.
  for (const edit of applicable) {
    const at = map[edit.start - 1] ?? -1;
    lines.splice(at, edit.deleteCount, ...terminate(edit, lines, at));
  }
  return { lines, results };
}

const UNSTAGED_EDIT = 'its `def` line or docstring has unstaged changes, so where the section goes is not clear';
const TOO_DIFFERENT = `the working tree differs from the index in more than ${MAX_DIFFERING_LINES} lines, too many to carry the section over safely`;

function guardHolds(map: Int32Array, edit: LineEdit): boolean {
  for (let line = edit.guard.start; line <= edit.guard.end; line++) {
    const at = map[line - 1] ?? -1;
    if (at === -1) return false;
    if (line > edit.guard.start && at !== (map[line - 2] ?? -1) + 1) return false;
  }
  return true;
}

/**
 * Gives each new line the terminator's `\r` when the file uses CRLF there (judged from the line before, or the replaced
 * one at the very top). A replaced line's own ending stays on the last new line, for a last line with no newline after it.
 */
function terminate(edit: LineEdit, lines: readonly string[], at: number): string[] {
  const neighbour = at > 0 ? lines[at - 1] : lines[at];
  const cr = neighbour?.endsWith('\r') ? '\r' : '';
  const lastCr = edit.deleteCount > 0 ? (lines[at + edit.deleteCount - 1]?.endsWith('\r') ? '\r' : '') : cr;
  return edit.lines.map((line, i) => line + (i === edit.lines.length - 1 ? lastCr : cr));
}
