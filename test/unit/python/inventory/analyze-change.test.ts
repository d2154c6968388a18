import { describe, expect, it } from 'vitest';
import { isModified } from '../../../../src/changes.js';
import { selectChecked } from '../../../../src/check/select.js';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';
import { analyzeChange } from '../../../../src/python/inventory/analyze-change.js';
import { analyzeWhole } from '../../../../src/python/inventory/analyze-whole.js';
import { resolveCallee } from '../../../../src/resolve/resolve-callee.js';
import type { ChangedLines, ModuleInfo } from '../../../../src/types.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;

function changeAt(...lines: number[]): ChangedLines {
  return { added: lines.map((line) => ({ start: line, end: line })), deletedAfter: [] };
}

const options = (changes: ChangedLines) => ({ respectAll: true, needsFacts: (span: { start: number; end: number }) => isModified(span, changes) });

/** The file analysed whole, and as the staged check analyses it (in part where it can be). */
function wholeAndPartial(source: string, changes: ChangedLines): { whole: ModuleInfo; partial: ModuleInfo } {
  return { whole: analyze(source, options(changes)), partial: analyzeChange(analyze, source, changes, options(changes)) };
}

/**
 * What the rules read of a module: the checked functions, the syntax errors,
 * and where each call those functions make while holding a session leads
 * (TXB005 resolves it through the outline).
 */
function verdictInputs(module: ModuleInfo, changes: ChangedLines) {
  const checked = selectChecked(module.functions, changes);
  const calls = checked.flatMap((fn) =>
    (fn.facts.session?.calls ?? []).map((call) => {
      const site = { file: 'svc.py', outline: module.outline, imports: fn.facts.session?.imports ?? {}, classPath: fn.qualifiedName.split('.').slice(0, -1) };
      return [call.callee, resolveCallee(call.callee, site, new Map())];
    }),
  );
  return { checked, syntaxErrors: module.syntaxErrors, calls };
}

const SERVICE = py(
  'from app.db import session_scope',
  'from app.ledger import post_entry',
  '',
  '__all__ = ["get_order", "cancel_order", "Orders"]',
  '',
  '',
  '@traced',
  'def get_order(session, order_id):',
  '    """Read one order.',
  '',
  '    Transaction boundary: read-only.',
  '    """',
  '    return session.get(Order, order_id)',
  '',
  '',
  'def cancel_order(order_id):',
  '    """Cancel."""',
  '    with session_scope() as session:',
  '        order = session.get(Order, order_id)',
  '        order.status = "cancelled"',
  '        post_entry(order)',
  '',
  '',
  'def not_exported(session):',
  '    """Not in __all__."""',
  '    session.add(Thing())',
  '',
  '',
  'class Orders:',
  '    def archive(self, session):',
  '        self.purge(session)',
  '',
  '    def purge(self, session):',
  '        session.execute(delete(Order))',
  '',
  '',
  'if FEATURE:',
  '    __all__ += ["not_exported"]',
);

describe('analyzeChange', () => {
  it('parses only the statements the change touches, and gives the rules what a whole parse gives them', () => {
    const changes = changeAt(19);
    const { whole, partial } = wholeAndPartial(SERVICE, changes);
    expect(partial.partial).toBe(true);
    expect(partial.functions.length).toBeLessThan(whole.functions.length);
    expect(verdictInputs(partial, changes)).toEqual(verdictInputs(whole, changes));
    expect(verdictInputs(partial, changes).calls).toEqual([['post_entry', { kind: 'needs', paths: expect.any(Array) }]]);
    expect(verdictInputs(partial, changes).checked.map((fn) => fn.qualifiedName)).toEqual(['cancel_order']);
  });

  it('gives the rules what a whole-file analysis gives them, wherever the change is', () => {
    const lines = SERVICE.split('\n').length - 1;
    let partials = 0;
    for (let line = 1; line <= lines; line++) {
      const changes = changeAt(line);
      const { whole, partial } = wholeAndPartial(SERVICE, changes);
      expect(verdictInputs(partial, changes), `change at line ${line}`).toEqual(verdictInputs(whole, changes));
      if (partial.partial) partials++;
    }
    expect(partials).toBeGreaterThan(lines / 2);
  });

  it('keeps a class body statement from reaching into the statement after the class', () => {
    // The class's last method used to run one line into the next statement, keeping `@overload` without its `def`.
    const source = py(
      'class Billing:',
      '    def first(self, session):',
      '        session.add(X())',
      '',
      '    def last(self, session):',
      '        session.add(Y())',
      '@overload',
      'def archive(x: int) -> int: ...',
      '@overload',
      'def archive(x: str) -> str: ...',
      'def archive(x):',
      '    return session.add(x)',
      ...Array.from({ length: 8 }, (_, i) => ['', `def filler_${i}(session):`, `    return session.get(X, ${i})`]).flat(),
    );
    const lines = 12;
    for (let first = 1; first <= lines; first++) {
      for (let second = first; second <= lines; second++) {
        const changes = changeAt(first, second);
        const { whole, partial } = wholeAndPartial(source, changes);
        expect(verdictInputs(partial, changes), `changes at lines ${first} and ${second}`).toEqual(verdictInputs(whole, changes));
      }
    }
  });

  it('honours an `__all__` that sits in a statement the change does not touch', () => {
    const changes = changeAt(25);
    const warm = analyzeChange(analyze, SERVICE, changes, options(changes));
    expect(warm.partial).toBe(true);
    // `if FEATURE: __all__ += [...]` is kept: not_exported is public through it.
    expect(warm.functions.find((fn) => fn.name === 'not_exported')?.isPublic).toBe(true);
  });

  it('reads the binding that wins, even when a later statement replaces a function', () => {
    const source = py(
      'def helper(session):',
      '    session.add(X())',
      '',
      'def unrelated():',
      '    return 1',
      '',
      'def service(order):',
      '    with session_scope() as session:',
      '        helper(session)',
      '',
      'helper = other_helper',
    );
    const changes = changeAt(9);
    const { whole, partial } = wholeAndPartial(source, changes);
    expect(partial.partial).toBe(true);
    expect(partial.outline?.helper).toEqual(whole.outline?.helper);
    expect(partial.functions.map((fn) => fn.name)).not.toContain('unrelated');
  });

  it('ties a syntax error in a statement the change does not touch to that statement, and checks the changed function', () => {
    const source = py('def get(session):', '    return session.get(X, 1)', '', '', 'def legacy():', '    total = = 1');
    const changes = changeAt(2);
    const module = analyzeChange(analyze, source, changes, options(changes));
    expect(module.syntaxErrors.map((issue) => issue.statement)).toEqual([{ start: 5, end: 6 }]);
    expect(selectChecked(module.functions, changes).map((fn) => fn.name)).toEqual(['get']);
  });

  it('ties a syntax error in another method to that method, and checks the changed one', () => {
    const source = py('class Orders:', '    def get(self, session):', '        return session.get(X, 1)', '', '    def legacy(self):', '        total = = 1');
    const module = analyzeChange(analyze, source, changeAt(3), options(changeAt(3)));
    expect(module.syntaxErrors.map((issue) => issue.statement)).toEqual([{ start: 5, end: 6 }]);
    expect(selectChecked(module.functions, changeAt(3)).map((fn) => fn.qualifiedName)).toEqual(['Orders.get']);
  });

  it('ties a syntax error in the head of a class to the whole class', () => {
    const source = py('class Orders(Base)', '    def get(self, session):', '        return session.get(X, 1)', '', '    def legacy(self):', '        return 1');
    const module = analyzeChange(analyze, source, changeAt(3), options(changeAt(3)));
    expect(new Set(module.syntaxErrors.map((issue) => JSON.stringify(issue.statement)))).toEqual(new Set([JSON.stringify({ start: 1, end: 6 })]));
  });

  it.each([['if os.environ.get("DEBUG")'], ['class Foo'], ['def foo()'], ['for item in items'], ['with open(path) as f']])('finds a function below a broken `%s`, whole or in part', (broken) => {
    const source = py('import os', broken, '', '', 'def cancel_order(order_id, session=None):', '    """Cancel."""', '    session.add(order_id)');
    const changes = changeAt(7);
    const whole = analyzeWhole(analyze, source, options(changes));
    for (const module of [analyzeChange(analyze, source, changes, options(changes)), whole]) {
      expect(selectChecked(module.functions, changes).map((fn) => fn.qualifiedName)).toEqual(['cancel_order']);
    }
    expect(whole.syntaxErrors.map((issue) => issue.statement)).toEqual([{ start: 2, end: 4 }]);
  });

  it('parses only the touched methods of a class, with its head, and resolves self.method through the kept ones', () => {
    const methods = Array.from({ length: 12 }, (_, i) => [`    def step_${i}(self, session):`, `        session.add(Step(${i}))`, '']).flat();
    const source = py(
      '@registered',
      'class Orders(',
      '    Base,',
      '):',
      '    """Orders."""',
      '',
      '    def archive(self):',
      '        with session_scope() as session:',
      '            session.add(Audit())',
      '            self.purge()',
      '            self.step_3()',
      '',
      ...methods,
      '    def purge(self, session):',
      '        session.execute(delete(Order))',
    );
    const changes = changeAt(10);
    const { whole, partial } = wholeAndPartial(source, changes);
    expect(partial.partial).toBe(true);
    expect(partial.functions.map((fn) => fn.qualifiedName)).toEqual(['Orders.archive', 'Orders.step_3', 'Orders.purge']);
    expect(verdictInputs(partial, changes)).toEqual(verdictInputs(whole, changes));
    expect(verdictInputs(partial, changes).calls.map(([callee, resolution]) => [callee, (resolution as { kind: string }).kind])).toEqual([
      ['Audit', 'unresolved'],
      ['self.purge', 'resolved'],
      ['self.step_3', 'resolved'],
    ]);
  });

  it('parses the whole file when its statements cannot be told apart', () => {
    const source = py('def f(session):', '    return """unterminated');
    const module = analyzeChange(analyze, source, changeAt(1), options(changeAt(1)));
    expect(module.partial).toBeUndefined();
    expect(module.syntaxErrors).not.toEqual([]);
  });
});
