import type { Pattern } from '../types.js';

/** What a rule that reads the body (TXB004–TXB006) found in one function, before severity and position. */
export interface BodyFinding {
  code: 'TXB004' | 'TXB005' | 'TXB006';
  message: string;
  evidence: string[];
  /** Body lines worth showing in the code frame, besides the `def` line. */
  lines: number[];
  help: { text: string; code: string[] };
  /** TXB004: the pattern the body reads as, and its section. */
  pattern: Pattern | null;
  suggestion: string | null;
}

const NAMED = 3;

/** `a (line 3), b (line 5), c (line 8) and 2 more`: the first few, for a message. */
export function nameFirst(items: readonly { label: string; line: number }[]): string {
  const shown = items
    .slice(0, NAMED)
    .map((item) => `${item.label} (line ${item.line})`)
    .join(', ');
  return items.length > NAMED ? `${shown} and ${items.length - NAMED} more` : shown;
}
