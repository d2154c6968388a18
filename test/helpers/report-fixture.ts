/**
 * The findings the reporter tests render: a TXB001 finding with a Pattern C
 * section to paste, a syntax error, and the report that carries them.
 */
import type { Diagnostic } from '../../src/check/diagnostic.js';
import type { CheckReport } from '../../src/run.js';

/** The Pattern C section suggested for `finding()`, unindented. */
export const SUGGESTION = [
  'Transaction boundary: ALL operations in single session (atomic).',
  '    Atomicity guarantee: all steps succeed or all roll back.',
  '    Steps executed atomically:',
  '        1. session.add(order)',
  '        2. reserve_stock(session=session)',
].join('\n');

/** TXB001 for `OrderService.create_order` in services/orders.py at 12:9, with `overrides` applied. */
export function finding(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: 'TXB001',
    severity: 'error',
    file: 'services/orders.py',
    line: 12,
    column: 9,
    function: 'OrderService.create_order',
    message: 'public function `OrderService.create_order` has no "Transaction boundary:" section in its docstring',
    pattern: 'C',
    evidence: ['session.add (line 20)', 'reserve_stock(session=session) (line 21)'],
    reason: 'session.add (line 20), 1 call passing the session → Pattern C',
    suggestion: SUGGESTION,
    frame: [{ line: 12, text: '    def create_order(self, customer, session=None):' }],
    help: { text: 'paste this into the docstring (Pattern C, multi-step atomic):', code: SUGGESTION.split('\n').map((line) => `        ${line}`) },
    fix: { applicability: 'safe', edits: [{ start: 14, deleteCount: 0, lines: ['', ...SUGGESTION.split('\n').map((line) => `        ${line}`)], guard: { start: 12, end: 14 } }] },
    ...overrides,
  };
}

/** TXB000 in services/broken.py at 3:14: no function, pattern, evidence or section. */
export const syntaxError: Diagnostic = {
  code: 'TXB000',
  severity: 'error',
  file: 'services/broken.py',
  line: 3,
  column: 14,
  function: null,
  message: 'syntax error in the staged change (missing `)`); the changed code cannot be checked',
  pattern: null,
  evidence: [],
  reason: null,
  suggestion: null,
  frame: [{ line: 3, text: 'def broken(a, b:' }],
  help: { text: 'fix the syntax, stage the file and commit again', code: [] },
  fix: null,
};

/** A clean report of one function in one file, with `overrides` applied. */
export function report(overrides: Partial<CheckReport> = {}): CheckReport {
  return { diagnostics: [], functions: [], errors: [], filesChecked: 1, functionsChecked: 1, files: [], ...overrides };
}
