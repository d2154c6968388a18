import { describe, expect, it } from 'vitest';
import type { LineEdit } from '../../../src/check/diagnostic.js';
import { MAX_DIFFERING_LINES, mapLines, planEdits } from '../../../src/fix/plan-edit.js';

const STAGED = [
  'def f(session):', //            1
  '    """Return it.', //          2
  '    """', //                    3
  '    return 1', //               4
  '', //                           5
  '', //                           6
  'def g(session):', //            7
  '    return 2', //               8
  '', //                           9  (after the final newline)
];

/** The section before f's closing quotes (line 3), guarded by f's def line through its docstring. */
const INTO_F: LineEdit = { start: 3, deleteCount: 0, lines: ['', '    Transaction boundary: Read-only.'], guard: { start: 1, end: 3 } };
/** A new docstring for g, below its def line. */
const INTO_G: LineEdit = { start: 8, deleteCount: 0, lines: ['    """G."""'], guard: { start: 7, end: 8 } };

describe('mapLines', () => {
  it('maps each staged line to the same text in the working tree, or -1', () => {
    const working = ['import x', 'def f(session):', '    """Return it, changed.', '    """', '    return 1'];
    expect([...(mapLines(STAGED.slice(0, 4), working) ?? [])]).toEqual([1, -1, 3, 4]);
  });

  it('gives up when too many lines differ', () => {
    const staged = Array.from({ length: 4 * MAX_DIFFERING_LINES }, (_, i) => `x${i}`);
    const reformatted = staged.map((line, i) => (i % 2 ? line : `${line} # reformatted`));
    expect(mapLines(staged, reformatted)).toBeUndefined();
    const planned = planEdits([...STAGED, ...staged], [...STAGED, ...reformatted], [INTO_F]);
    expect(planned.results).toEqual([{ applied: false, reason: expect.stringContaining('too many to carry the section over safely') }]);
  });
});

describe('planEdits', () => {
  it('applies edits where index and working tree agree', () => {
    const planned = planEdits(STAGED, STAGED, [INTO_F, INTO_G]);
    expect(planned.results).toEqual([{ applied: true }, { applied: true }]);
    expect(planned.lines).toEqual([
      'def f(session):',
      '    """Return it.',
      '',
      '    Transaction boundary: Read-only.',
      '    """',
      '    return 1',
      '',
      '',
      'def g(session):',
      '    """G."""',
      '    return 2',
      '',
    ]);
  });

  it('carries edits past unstaged lines above and inside the function, which stay as they are', () => {
    const working = [
      'import logging', // unstaged, above
      ...STAGED.slice(0, 3),
      '    logging.info("unstaged, inside")',
      ...STAGED.slice(3),
    ];
    const planned = planEdits(STAGED, working, [INTO_F, INTO_G]);
    expect(planned.results).toEqual([{ applied: true }, { applied: true }]);
    expect(planned.lines).toEqual([
      'import logging',
      'def f(session):',
      '    """Return it.',
      '',
      '    Transaction boundary: Read-only.',
      '    """',
      '    logging.info("unstaged, inside")',
      '    return 1',
      '',
      '',
      'def g(session):',
      '    """G."""',
      '    return 2',
      '',
    ]);
  });

  it('leaves a function alone when its guarded lines changed or gained a line in the working tree', () => {
    const editedDocstring = STAGED.map((line) => (line === '    """Return it.' ? '    """Return it, now edited.' : line));
    const lineSlippedIn = [...STAGED.slice(0, 1), '    # unstaged comment', ...STAGED.slice(1)];
    for (const working of [editedDocstring, lineSlippedIn]) {
      const planned = planEdits(STAGED, working, [INTO_F, INTO_G]);
      expect(planned.results[0]).toEqual({ applied: false, reason: expect.stringContaining('unstaged changes') });
      expect(planned.results[1]).toEqual({ applied: true });
      expect(planned.lines.filter((line) => line.includes('Transaction boundary'))).toEqual([]);
      expect(planned.lines).toContain('    """G."""');
    }
  });

  it('leaves the working tree as it is when nothing applies', () => {
    const working = STAGED.filter((line) => !line.startsWith('def'));
    const planned = planEdits(STAGED, working, [INTO_F, INTO_G]);
    expect(planned.results.every((result) => !result.applied)).toBe(true);
    expect(planned.lines).toEqual(working);
  });

  it('ends new lines with \\r in a CRLF file', () => {
    const crlf = STAGED.map((line, i) => (i === STAGED.length - 1 ? line : `${line}\r`));
    const planned = planEdits(crlf, crlf, [INTO_F]);
    expect(planned.lines.slice(0, 5)).toEqual(['def f(session):\r', '    """Return it.\r', '\r', '    Transaction boundary: Read-only.\r', '    """\r']);
  });

  it('keeps a replaced last line without a newline that way', () => {
    const staged = ['def f():\r', '    """Doc."""'];
    const edit: LineEdit = { start: 2, deleteCount: 1, lines: ['    """Doc.', '', '    X: y.', '    """'], guard: { start: 1, end: 2 } };
    expect(planEdits(staged, staged, [edit]).lines).toEqual(['def f():\r', '    """Doc.\r', '\r', '    X: y.\r', '    """']);
  });

  it('rejects an edit outside its own guard (a bug, not a user error)', () => {
    expect(() => planEdits(STAGED, STAGED, [{ ...INTO_F, start: 5 }])).toThrow(/outside its guard/);
  });
});
