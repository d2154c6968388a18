/**
 * TXB004–TXB006 through the pure core: source in, diagnostics out, with an
 * in-memory repository for the modules a body calls into.
 */
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../../src/check/check.js';
import type { Diagnostic } from '../../../src/check/diagnostic.js';
import type { RuleCode, RuleSetting } from '../../../src/rules.js';
import { WHOLE_FILE } from '../../../src/changes.js';
import { readDocumentedPattern } from '../../../src/effects/documented-pattern.js';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { analyzeInMemory } from '../../helpers/in-memory-program.js';
import { renderText } from '../../../src/report/text.js';

const py = (...lines: string[]) => `${lines.join('\n')}\n`;

const PAYMENTS = py(
  'def record_payment(order, amount, session=None):',
  '    """Record.\n\n    Transaction boundary: Single operation, automatically atomic.\n    """',
  '    session.add(Payment(order=order, amount=amount))',
  'def log_event(sess, message):',
  '    """Log.\n\n    Transaction boundary: Single operation, automatically atomic.\n    """',
  'def format_amount(amount):',
  '    return f"{amount:.2f}"',
);

/** Checks `source` as `app/services/orders.py` of a repository that also holds `files`. */
async function check(source: string, options: { files?: Record<string, string>; rules?: Partial<Record<RuleCode, RuleSetting>> } = {}): Promise<Diagnostic[]> {
  const files: Record<string, string> = { 'app/services/payments.py': PAYMENTS, ...options.files };
  const { module, program, effects } = await analyzeInMemory('app/services/orders.py', source, files);
  const config = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, ...options.rules } };
  const input = { path: 'app/services/orders.py', lines: source.split('\n'), module, previous: () => null, changes: WHOLE_FILE, callees: program.outlines, effects } as const;
  return checkFile(input, config).diagnostics;
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code} ${d.function}`);

/** A docstring with the given first line of the section. */
const doc = (claim: string) => `    """Do it.\n\n    Transaction boundary: ${claim}\n    """`;

describe('TXB004: the section contradicts the body', () => {
  it('flags a read-only claim over a body that writes, with the claim and the write', async () => {
    const [d, ...rest] = await check(
      py('def get_order(order_id, session=None):', doc('Read-only, no transaction needed.'), '    order = session.get(Order, order_id)', '    session.add(order)', '    return order'),
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'TXB004', severity: 'warning', function: 'get_order', pattern: 'B' });
    expect(d?.message).toContain('says "Read-only, no transaction needed." but the body writes: session.add (line 7)');
    expect(d?.evidence).toEqual(['claim: "Read-only, no transaction needed." (Read-only)', 'session.add (line 7)']);
    expect(d?.suggestion).toMatch(/^Transaction boundary: Single operation/);
    expect(d?.help?.code[0]).toBe('    Transaction boundary: Single operation, automatically atomic.');
  });

  it('flags every Pattern A phrase, and a claim on the line after a lone header', async () => {
    for (const claim of ['Pure computation (no database access).', 'read only.', 'No database access.']) {
      expect(codes(await check(py('def f(session):', doc(claim), '    session.delete(x)'))), claim).toEqual(['TXB004 f']);
    }
    const lone = py('def f(session):', '    """Do it.\n\n    Transaction boundary:\n        Read-only.\n    """', '    session.merge(x)');
    expect(codes(await check(lone))).toEqual(['TXB004 f']);
  });

  it('flags a single-operation claim over two writes, or a write and a state-changing nested call', async () => {
    const two = py('def f(session):', doc('Single operation, automatically atomic.'), '    session.add(a)', '    session.delete(b)');
    expect(codes(await check(two))).toEqual(['TXB004 f']);
    const nested = py(
      'from app.services.payments import record_payment',
      'def f(order, session):',
      doc('Single operation, automatically atomic.'),
      '    session.add(order)',
      '    record_payment(order, 5, session=session)',
    );
    const [d] = await check(nested);
    expect(d).toMatchObject({ code: 'TXB004', pattern: 'C' });
    expect(d?.message).toContain('but it takes 2 data-changing steps: session.add (line 7), record_payment(session=…) (line 8)');
    expect(d?.evidence).toContain('record_payment(session=…) (line 8) → writes via session.add (payments.py:6)');
  });

  it('stays silent on near-misses', async () => {
    const silent = [
      // `.add` on a Python set or list, in a read-only function
      py(
        'def f(items):',
        doc('Pure computation (no database access).'),
        '    seen = set()',
        '    out = []',
        '    for i in items:',
        '        seen.add(i)',
        '        out.append(i)',
        '    {1}.add(2)',
        '    return out',
      ),
      // a single write followed by flush / commit
      py('def f(order, session):', doc('Single operation, automatically atomic.'), '    session.add(order)', '    session.flush()', '    return order.id'),
      // the same write with and without the caller's session
      py(
        'def f(order, session=None):',
        doc('Single operation, automatically atomic.'),
        '    if session is None:',
        '        with session_scope() as s:',
        '            s.add(order)',
        '    else:',
        '        session.add(order)',
      ),
      // a write and a read-only nested call
      py('def f(order, session):', doc('Single operation, automatically atomic.'), '    customer = get_customer(order.customer_id, session=session)', '    session.add(order)'),
      // a multi-step wording makes no single-step promise; a negated phrase promises nothing
      py('def f(session):', doc('ALL operations in single session (atomic).'), '    session.add(a)', '    session.delete(b)'),
      py('def f(session):', doc('Not read-only: writes the order.'), '    session.add(a)'),
      // read-only with reads only
      py('def f(order_id, session):', doc('Read-only, no transaction needed.'), '    return session.query(Order).filter_by(id=order_id).one()'),
    ];
    for (const source of silent) expect(codes(await check(source)), source).toEqual([]);
  });

  it('reads the documented pattern from the whole section, in the wording teams use', () => {
    const read = (text: string) => readDocumentedPattern(`Doc.\n\nTransaction boundary: ${text}\n\nArgs:\n    x: read-only flag`, 'Transaction boundary');
    expect(read('Read-only, no transaction needed.')).toEqual({ pattern: 'A', phrase: 'Read-only', wording: 'Read-only, no transaction needed.' });
    expect(read('Inherits session from caller.\n    Read-only traversal.')?.pattern).toBe('A');
    expect(read('Single-step write.')?.pattern).toBe('B');
    expect(read('UPSERT of one row.')?.pattern).toBe('B');
    expect(read('Multi-step operation (atomic).')?.pattern).toBe('C');
    // No pattern named, two named, or a negated one: nothing to compare with.
    expect(read('Inherits session from caller.')).toBeNull();
    expect(read('Read-only unless asked; then multi-step.')).toBeNull();
    expect(read('Not read-only.')).toBeNull();
    expect(readDocumentedPattern('No section here.', 'Transaction boundary')).toBeNull();
  });

  it('flags a read-only claim whose callee writes, through an imported module', async () => {
    const source = py('from app.services import payments as pay', 'def f(order, session):', doc('Read-only, no transaction needed.'), '    return pay.record_payment(order, 1, session=session)');
    const [d] = await check(source);
    expect(d).toMatchObject({ code: 'TXB004', pattern: 'B' });
    expect(d?.message).toContain('but a data-changing step is reachable: pay.record_payment(session=…) (line 7)');
  });
});

describe('TXB005: a session not passed on', () => {
  it('flags same-module and imported callees that take a session but do not receive it', async () => {
    const source = py(
      'from app.services.payments import record_payment',
      'from app.services import payments',
      'def _helper(order, session=None):',
      '    pass',
      'def refund(order, amount, session=None):',
      doc('ALL operations in single session (atomic).'),
      '    with session_scope(session) as s:',
      '        _helper(order)',
      '        record_payment(order, -amount)',
      '        payments.record_payment(order, amount)',
    );
    const diagnostics = await check(source);
    expect(codes(diagnostics)).toEqual(['TXB005 refund']);
    const [d] = diagnostics;
    expect(d?.message).toBe('`refund` holds a session (`s`) but calls 3 functions that take one without passing it: _helper (line 11), record_payment (line 12), payments.record_payment (line 13)');
    expect(d?.evidence[1]).toBe('record_payment(order, -amount) (line 12) → record_payment(…, session) at app/services/payments.py:1');
    expect(d?.help).toEqual({
      text: 'pass the session on, so the call joins this transaction:',
      code: ['        _helper(order, session=s)', '        record_payment(order, -amount, session=s)', '        payments.record_payment(order, amount, session=s)'],
    });
    expect(d?.frame.map((f) => f.line)).toEqual([5, 11, 12]);
  });

  it('stays silent on near-misses', async () => {
    const source = py(
      'from app.services.payments import record_payment, log_event, format_amount',
      'import requests',
      'def f(order, session=None):',
      doc('ALL operations in single session (atomic).'),
      // positional session at the session position, a helper taking `sess`
      '    record_payment(order, 5, session)',
      '    log_event(session, "refunded")',
      // session=s to a callee with a session=None default
      '    with session_scope(session) as s:',
      '        record_payment(order, 5, session=s)',
      // no session parameter, third-party, unknown module
      '        format_amount(5)',
      '        requests.post("https://example.invalid")',
      '        unknown_module_function(order)',
    );
    expect(codes(await check(source))).toEqual([]);
  });

  it('does not apply where no session is held', async () => {
    const source = py('from app.services.payments import record_payment', 'def f(order):', doc('Single operation, automatically atomic.'), '    record_payment(order, 5)');
    expect(codes(await check(source))).toEqual([]);
  });

  it('resolves self.method inside a class', async () => {
    const source = py(
      'class Orders:',
      '    def save(self, order, session=None):',
      '        """Save.\n\n        Transaction boundary: Single operation, automatically atomic.\n        """',
      '    def place(self, order, session):',
      '        """Place.\n\n        Transaction boundary: ALL operations in single session (atomic).\n        """',
      '        self.save(order)',
    );
    expect(codes(await check(source))).toEqual(['TXB005 Orders.place']);
  });
});

describe('TXB006: more than one transaction', () => {
  it('flags two scopes on one path, and a fresh scope in a function handed a session', async () => {
    const two = py('def f(a, b):', doc('ALL operations in single session (atomic).'), '    with session_scope() as s:', '        s.add(a)', '    with session_scope() as s:', '        s.add(b)');
    const [d] = await check(two);
    expect(d?.message).toBe('`f` opens 2 session_scope() transactions on one path (lines 6, 8); each commits on its own, so a failure in a later one leaves the earlier ones committed');
    const handed = py('def f(a, session=None):', doc('Single operation, automatically atomic.'), '    with session_scope() as s:', '        s.add(a)');
    const [e] = await check(handed);
    expect(e?.message).toBe('`f` is handed a session (`session`) but opens a new session_scope() (line 6), a transaction the caller cannot roll back');
    expect(e?.help?.code).toEqual(['    with session_scope(session) as s:']);
  });

  it('stays silent on the inherit-or-open idioms and exclusive branches', async () => {
    const silent = [
      py('def f(a, session=None):', doc('Single operation, automatically atomic.'), '    with session_scope(session) as s:', '        s.add(a)'),
      py(
        'def f(a, session=None):',
        doc('Single operation, automatically atomic.'),
        '    def _impl(sess):',
        '        sess.add(a)',
        '    if session is not None:',
        '        return _impl(session)',
        '    with session_scope() as s:',
        '        return _impl(s)',
      ),
      py(
        'def f(a, session=None):',
        doc('Single operation, automatically atomic.'),
        '    if session is None:',
        '        with session_scope() as s:',
        '            return f(a, session=s)',
        '    session.add(a)',
      ),
      py('def f(items):', doc('One transaction per item.'), '    for item in items:', '        with session_scope() as s:', '            s.add(item)'),
    ];
    for (const source of silent) expect(codes(await check(source)), source).toEqual([]);
  });
});

describe('severity, suppression and scope', () => {
  const handed = py('def f(a, session=None):  # noqa: TXB006', doc('Single operation, automatically atomic.'), '    with session_scope() as s:', '        s.add(a)');

  it('honours # noqa and the per-rule setting', async () => {
    expect(codes(await check(handed))).toEqual([]);
    const plain = handed.replace('  # noqa: TXB006', '');
    expect((await check(plain, { rules: { TXB006: 'error' } }))[0]?.severity).toBe('error');
    expect(await check(plain, { rules: { TXB006: 'off' } })).toEqual([]);
  });

  it('checks functions without a section too (TXB005/TXB006 next to TXB001), and not private ones', async () => {
    const source = py(
      'def f(a):',
      '    with session_scope() as s:',
      '        s.add(a)',
      '    with session_scope() as s:',
      '        s.add(a)',
      'def _g(a):',
      '    with session_scope() as s:',
      '        pass',
      '    with session_scope() as s:',
      '        pass',
    );
    expect(codes(await check(source))).toEqual(['TXB001 f', 'TXB006 f']);
  });

  it('renders a help line in text output', async () => {
    const diagnostics = await check(handed.replace('  # noqa: TXB006', ''));
    const text = renderText({ diagnostics, functions: [], errors: [], filesChecked: 1, functionsChecked: 1, files: [] }, { color: false, quiet: false, scope: 'staged' });
    expect(text).toBe(
      [
        'app/services/orders.py:1:5 TXB006 `f` is handed a session (`session`) but opens a new session_scope() (line 6), a transaction the caller cannot roll back',
        '  |',
        '1 | def f(a, session=None):',
        '  |     ^',
        '6 |     with session_scope() as s:',
        '  |',
        "help: pass the given session through, so the work joins the caller's transaction when there is one:",
        '',
        '    with session_scope(session) as s:',
        '',
        '⚠ txboundary: 1 warning (not blocking); 1 modified public function in 1 staged Python file checked.',
        '',
      ].join('\n'),
    );
  });
});
