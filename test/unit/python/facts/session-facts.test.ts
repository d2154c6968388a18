/**
 * What the Python analysis reads for TXB005/TXB006: calls made while a
 * session is held, `session_scope()` openings and their guards, the most
 * openings on one path, and module outlines (signatures and imports).
 */
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';
import type { SessionFacts } from '../../../../src/session-types.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;

/** Session facts of the first function of the module. */
function factsOf(...lines: string[]): SessionFacts {
  const facts = analyze(py(...lines), { respectAll: true }).functions[0]?.facts.session;
  if (!facts) throw new Error('no session facts');
  return facts;
}

const calls = (facts: SessionFacts) => facts.calls.map((c) => `${c.callee}@${c.line} ${c.positional}+[${c.keywords.join(',')}] held=${c.session}`);

describe('calls made while a session is held', () => {
  it('records calls inside a function with a session parameter, and not those passing the session', () => {
    const facts = factsOf(
      'def f(order, session=None):',
      '    record(order)',
      '    record(order, session=session)',
      '    record(order, session)',
      '    audit.log(session, "x")',
      '    notify(order, user=1)',
    );
    expect(calls(facts)).toEqual(['record@2 1+[] held=session', 'notify@6 1+[user] held=session']);
  });

  it('holds the session of `with session_scope() as s` only inside the block', () => {
    const facts = factsOf('def f(order):', '    prepare(order)', '    with session_scope() as s:', '        record(order)', '        record(order, session=s)', '    after(order)');
    expect(calls(facts)).toEqual(['record@4 1+[] held=s']);
  });

  it('counts a nested helper that takes `sess` as holding it, and calls to the helper as local', () => {
    const facts = factsOf(
      'def f(order, session=None):',
      '    def _impl(sess):',
      '        sess.add(order)',
      '        record(order)',
      '    if session is not None:',
      '        return _impl(session)',
      '    with session_scope() as s:',
      '        return _impl(s)',
    );
    expect(calls(facts)).toEqual(['record@4 1+[] held=sess']);
  });

  it('does not hold a None session: `if session is None:` and the rest after `if session: return`', () => {
    const facts = factsOf(
      'def f(order, session=None):',
      '    if session is None:',
      '        return fallback(order)',
      '    if not session:',
      '        fallback(order)',
      '    kept(order)',
      '    if session is not None:',
      '        return inside(order)',
      '    outside(order)',
    );
    expect(calls(facts).map((c) => c.split(' ')[0])).toEqual(['kept@6', 'inside@8']);
  });

  it('leaves out session methods, factories, builtins, locals, splats and explicit session keywords', () => {
    const facts = factsOf(
      'def f(items, session=None, callback=None):',
      '    session.query(Order).all()',
      '    session_scope()',
      '    isinstance(session, Session)',
      '    logger.info("x")',
      '    callback(items)',
      '    helper = make()',
      '    helper(items)',
      '    record(*items)',
      '    record(**opts)',
      '    record(items, db_session=session)',
      '    record(items, session=None)',
    );
    expect(calls(facts)).toEqual(['make@7 0+[] held=session', 'record@12 1+[session] held=session']);
  });

  it('keeps a function-level import and resolves through it', () => {
    const facts = factsOf('def f(order, session=None):', '    from app.services.payments import record_payment', '    record_payment(order)');
    expect(calls(facts)).toEqual(['record_payment@3 1+[] held=session']);
    expect(facts.imports).toEqual({ record_payment: { kind: 'imported', module: { level: 0, name: 'app.services.payments' }, name: 'record_payment' } });
  });

  it('reads a `…Session` annotation as a session parameter', () => {
    const facts = factsOf('def f(order, db: Session):', '    record(order)');
    expect(facts.parameter).toEqual({ name: 'db', position: 1 });
    expect(calls(facts)).toEqual(['record@2 1+[] held=db']);
  });
});

describe('session_scope() openings', () => {
  const scopes = (facts: SessionFacts) => facts.scopes.map((s) => `${s.line}${s.inherits ? ' inherits' : ''}${s.whenNoSession ? ' when-none' : ''}`);

  it('marks openings that pass a session through and those reached only without one', () => {
    const facts = factsOf(
      'def f(order, session=None):',
      '    with session_scope(session) as s:',
      '        pass',
      '    if session is None:',
      '        with session_scope() as s:',
      '            return f(order, session=s)',
      '    ctx = session_scope() if session is None else nullcontext(session)',
      '    with session_scope() as fresh:',
      '        pass',
    );
    expect(scopes(facts)).toEqual(['2 inherits', '5 when-none', '7 when-none', '8']);
  });

  it('counts openings on one path: branches and handlers are alternatives, loops count once', () => {
    const most = (...lines: string[]) => factsOf(...lines).mostScopesOnOnePath;
    expect(most('def f():', '    with session_scope() as a:', '        pass', '    with session_scope() as b:', '        pass')).toBe(2);
    expect(most('def f(x):', '    if x:', '        with session_scope() as a:', '            pass', '    else:', '        with session_scope() as b:', '            pass')).toBe(1);
    expect(most('def f(x, session=None):', '    if session is not None:', '        return _impl(session)', '    with session_scope() as s:', '        return _impl(s)')).toBe(1);
    expect(most('def f(x):', '    try:', '        with session_scope() as s:', '            run(s)', '    except Error:', '        with session_scope() as s:', '            mark_failed(s)')).toBe(1);
    expect(most('def f(items):', '    for item in items:', '        with session_scope() as s:', '            s.add(item)')).toBe(1);
    expect(most('def f():', '    def _step():', '        with session_scope() as s:', '            pass', '    with session_scope() as s:', '        _step()')).toBe(2);
    expect(most('def f(x):', '    if x:', '        with session_scope() as a:', '            pass', '    with session_scope() as b:', '        pass')).toBe(2);
    expect(most('async def f():', '    async with session_scope() as a:', '        pass', '    s = db.session_scope()')).toBe(2);
  });
});

describe('module outline', () => {
  it('reads functions, methods, classes and imports; later bindings win', () => {
    const module = analyze(
      py(
        'import app.services.payments as pay',
        'import app.db',
        'from .audit import log_event as log, other',
        'from app import *',
        'def record(order, amount, *, session=None): ...',
        'def _impl(sess): ...',
        'def shadowed(session): ...',
        'shadowed = wrap(shadowed)',
        'class Service:',
        '    def save(self, order, session=None): ...',
        '    @staticmethod',
        '    def build(session): ...',
        '    @classmethod',
        '    def load(cls, key, sess): ...',
        'if TYPE_CHECKING:',
        '    def typed(x, session: Session): ...',
      ),
      { respectAll: true, needsFacts: () => false, outline: true },
    );
    const bindings = module.outline ?? {};
    expect(Object.keys(bindings)).toEqual(['pay', 'app', 'log', 'other', 'record', '_impl', 'shadowed', 'Service', 'typed']);
    expect(bindings.pay).toEqual({ kind: 'module', module: { level: 0, name: 'app.services.payments' } });
    expect(bindings.app).toEqual({ kind: 'module', module: { level: 0, name: 'app' } });
    expect(bindings.log).toEqual({ kind: 'imported', module: { level: 1, name: 'audit' }, name: 'log_event' });
    expect(bindings.record).toEqual({ kind: 'function', signature: { qualifiedName: 'record', line: 5, session: { name: 'session', position: null } } });
    expect(bindings._impl).toMatchObject({ signature: { session: { name: 'sess', position: 0 } } });
    expect(bindings.shadowed).toEqual({ kind: 'other' });
    expect(bindings.typed).toMatchObject({ signature: { session: { name: 'session', position: 1 } } });
    const service = bindings.Service;
    expect(service?.kind === 'class' && service.methods).toEqual({
      save: { qualifiedName: 'Service.save', line: 10, session: { name: 'session', position: 1 } },
      build: { qualifiedName: 'Service.build', line: 12, session: { name: 'session', position: 0 } },
      load: { qualifiedName: 'Service.load', line: 14, session: { name: 'sess', position: 1 } },
    });
  });

  it('is read only when asked, or when a checked body calls out while holding a session', () => {
    expect(analyze(py('def f(session):', '    session.add(x)'), { respectAll: true }).outline).toBeUndefined();
    expect(analyze(py('def f(session):', '    g(x)'), { respectAll: true }).outline).toBeDefined();
    expect(analyze(py('def f(session):', '    g(x)'), { respectAll: true, needsFacts: () => false }).outline).toBeUndefined();
  });
});

describe('what is not the body', () => {
  it('does not count calls in default values as made while holding the session', () => {
    const facts = factsOf('def f(order, session=None, config=load_config()):', '    apply(order)');
    expect(calls(facts)).toEqual(['apply@2 1+[] held=session']);
  });
});

describe('robustness', () => {
  it('reads a body nested hundreds of levels deep without exhausting the stack', () => {
    const depth = 300;
    const lines = ['def f(session=None):'];
    for (let i = 1; i <= depth; i++) lines.push(`${' '.repeat(i * 4)}if x${i}:`);
    lines.push(`${' '.repeat((depth + 1) * 4)}with session_scope() as a:`, `${' '.repeat((depth + 2) * 4)}record(a)`);
    lines.push(`${' '.repeat((depth + 1) * 4)}with session_scope() as b:`, `${' '.repeat((depth + 2) * 4)}record(b)`);
    const facts = factsOf(...lines);
    expect(facts.scopes).toHaveLength(2);
    expect(facts.mostScopesOnOnePath).toBe(2);
  });
});
