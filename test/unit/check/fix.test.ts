/**
 * TXB001–TXB003 carry their fix, computed on the checked text: `help` says
 * what to paste by hand, `fix` holds the line edit `--fix` makes, or why it
 * is left to the user. Source in, diagnostic out.
 */
import { describe, expect, it } from 'vitest';
import { checkFile, type FileInput } from '../../../src/check/check.js';
import type { Diagnostic } from '../../../src/check/diagnostic.js';
import { WHOLE_FILE } from '../../../src/changes.js';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { loadAnalyzer } from '../../../src/python/inventory/analyze.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;

/** The one finding on `source`, checked whole; `previous` is the old side, for TXB002. */
function check(source: string, previous?: string): Diagnostic {
  const read = (text: string) => analyze(text, { respectAll: true, needsFacts: () => true });
  const input: FileInput = { path: 'svc/orders.py', lines: source.split('\n'), module: read(source), previous: () => (previous ? read(previous) : null), changes: WHOLE_FILE };
  const [only, ...rest] = checkFile(input, DEFAULT_CONFIG).diagnostics;
  expect(rest).toEqual([]);
  return only as Diagnostic;
}

const SECTION_A = ['    Transaction boundary: Read-only, no transaction needed.'];

describe('the fix a presence finding carries', () => {
  it('TXB001 in a multi-line docstring: the section goes before the closing quotes, guarded by the def line through the docstring', () => {
    const d = check(py('def get_order(order_id, session=None):', '    """Return the order.', '    """', '    return session.get(Order, order_id)'));
    expect(d.code).toBe('TXB001');
    expect(d.help.text).toBe('paste this into the docstring (Pattern A, read-only):');
    expect(d.help.code[0]).toBe(SECTION_A[0]);
    expect(d.fix).toEqual({ applicability: 'safe', edits: [{ start: 3, deleteCount: 0, lines: ['', ...d.help.code], guard: { start: 1, end: 3 } }] });
  });

  it('TXB001 without a docstring: the help is a whole docstring, and the edit inserts it below the signature', () => {
    const d = check(py('def get_order(order_id,', '              session=None):', '    return session.get(Order, order_id)'));
    expect(d.help.text).toBe('add this docstring right below the `def` line (Pattern A, read-only):');
    expect(d.help.code[0]).toBe('    """Get order.');
    expect(d.fix).toEqual({ applicability: 'safe', edits: [{ start: 3, deleteCount: 0, lines: d.help.code, guard: { start: 1, end: 3 } }] });
  });

  it('TXB002: the lost section goes back, the same way', () => {
    const old = py('def get_order(order_id, session=None):', '    """Return the order.', '', '    Transaction boundary: Read-only.', '    """', '    return None');
    const d = check(py('def get_order(order_id, session=None):', '    """Return the order."""', '    return None'), old);
    expect(d.code).toBe('TXB002');
    expect(d.fix).toEqual({ applicability: 'safe', edits: [{ start: 2, deleteCount: 1, lines: ['    """Return the order.', '', ...d.help.code, '    """'], guard: { start: 1, end: 2 } }] });
  });

  it('TXB003: the empty header line is replaced by the whole section', () => {
    const d = check(py('def get_order(order_id, session=None):', '    """Return the order.', '', '    Transaction boundary:', '    """', '    return None'));
    expect(d.code).toBe('TXB003');
    expect(d.fix).toEqual({ applicability: 'safe', edits: [{ start: 4, deleteCount: 1, lines: d.help.code, guard: { start: 1, end: 5 } }] });
  });

  it('no safe edit: the reason, and the help still says what to paste', () => {
    const d = check(py('def get_order(order_id, session=None): return session.get(Order, order_id)'));
    expect(d.fix).toEqual({ applicability: 'manual', reason: 'its body starts on the line of the `def`' });
    expect(d.help.code.length).toBeGreaterThan(0);
  });

  it('a syntax error carries help but no fix', () => {
    const d = check(py('def get_order(order_id, session=None:', '    return None'));
    expect(d.code).toBe('TXB000');
    expect(d.fix).toBeNull();
    expect(d.help.text).toMatch(/^fix the syntax/);
  });
});
