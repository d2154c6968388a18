import type { Pattern } from '../types.js';

/** What a rule that reads the body (TXB004–TXB006) found in one function, before severity and position. */
export interface BodyFinding {
  code: 'TXB004' | 'TXB005' | 'TXB006';
  message: string;
  /** One entry per piece of evidence, with its line: `session.add (line 14)`. */
  evidence: string[];
  /** Body lines worth showing in the code frame, besides the `def` line. */
  lines: number[];
  help: { text: string; code: string[] };
  /** TXB004: the pattern the body reads as, and its section. */
  pattern: Pattern | null;
  suggestion: string | null;
}
