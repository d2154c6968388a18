import type { Pattern } from '../types.js';
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
  /** The section to paste, unindented (continuation lines keep their relative indent). */
  suggestion: string | null;
  /** What to paste where: the section at the docstring's indentation, or a whole new docstring. */
  paste: { lines: string[]; wholeDocstring: boolean } | null;
  /** Source lines shown under the header: the `def` line and the docstring's opening. */
  frame: { line: number; text: string }[];
  /** Rules without a section to paste (TXB004–TXB006): how to fix it, and code to show under it. */
  help?: { text: string; code: string[] };
}

export interface FileError {
  file: string;
  reason: string;
}

/** The source lines shown under a finding, each once, in order, without a CR. */
export function frameLines(lines: readonly string[], at: readonly number[]): { line: number; text: string }[] {
  return [...new Set(at)].sort((a, b) => a - b).map((line) => ({ line, text: (lines[line - 1] ?? '').replace(/\r$/, '') }));
}

/** Where a finding about a function points: its name on the `def` line of the staged version. */
export function atFunction(file: string, fn: { defLine: number; nameColumn: number; qualifiedName: string }) {
  return { file, line: fn.defLine, column: fn.nameColumn, function: fn.qualifiedName };
}
