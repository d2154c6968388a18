import type { Pattern, LineRange } from '../types.js';
import type { RuleCode } from '../rules.js';

export type Severity = 'error' | 'warning';

/** A finding, as data. Only the reporters turn it into words and colours. */
export interface Diagnostic {
  code: RuleCode;
  severity: Severity;
  /** Repo-relative path with `/`. */
  file: string;
  /** 1-based position in the staged version: the function's name, or the syntax error. */
  line: number;
  column: number;
  /** Qualified name, or null for a file-level finding (TXB000). */
  function: string | null;
  message: string;
  pattern: Pattern | null;
  /** One entry per piece of evidence, e.g. `session.add (line 140)`. */
  evidence: string[];
  /** One line summing up why this pattern was chosen. */
  reason: string | null;
  /** The suggested section, unindented (continuation lines keep their relative indent). */
  suggestion: string | null;
  /** Source lines shown under the header: the `def` line and the docstring's opening. */
  frame: { line: number; text: string }[];
  /** How to fix it by hand: what to do, and the code to paste, indented as it must be pasted. */
  help: { text: string; code: string[] };
  /** The edit `--fix` makes (TXB001–TXB003), or why none is safe; null for the other rules. */
  fix: Fix | null;
}

/** Like ruff's: edits safe to apply without asking, or the reason the fix is left to the user. */
export type Fix = { applicability: 'safe'; edits: LineEdit[] } | { applicability: 'manual'; reason: string };

/**
 * Replace `deleteCount` lines from line `start` (1-based, in the checked text) with `lines`, or insert them before it
 * when `deleteCount` is 0. `lines` carry no line terminators; whoever applies the edit adds the file's own.
 */
export interface LineEdit {
  start: number;
  deleteCount: number;
  lines: string[];
  /** The lines the edit was worked out from: where any of them differs, the edit is not safe. */
  guard: LineRange;
}

export interface FileError {
  file: string;
  reason: string;
}

/** The source lines shown under a finding, each once, in order, without a CR. */
export function frameLines(lines: readonly string[], at: readonly number[]): { line: number; text: string }[] {
  return [...new Set(at)].sort((a, b) => a - b).map((line) => ({ line, text: (lines[line - 1] ?? '').replace(/\r$/, '') }));
}

/** How many characters (code points) the reporters underline: the function's own name, or one at a file-level finding. */
export function markedWidth(d: Pick<Diagnostic, 'function'>): number {
  const name = d.function?.split('.').at(-1);
  return name ? [...name].length : 1;
}

/** Where a finding about a function points: its name on the `def` line of the staged version. */
export function atFunction(file: string, fn: { defLine: number; nameColumn: number; qualifiedName: string }) {
  return { file, line: fn.defLine, column: fn.nameColumn, function: fn.qualifiedName };
}
