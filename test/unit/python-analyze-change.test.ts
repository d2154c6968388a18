import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockHash, type CleanBlocks, defaultCacheDir, NO_CACHE, openCleanBlocks } from '../../src/cache/clean-blocks.js';
import { isModified, selectChecked } from '../../src/check/select.js';
import { loadAnalyzer } from '../../src/python/analyze.js';
import { analyzeChange } from '../../src/python/analyze-change.js';
import { resolveCallee } from '../../src/resolve/resolve-callee.js';
import type { ChangedLines, ModuleInfo } from '../../src/types.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;

/** An in-memory cache, so each test starts cold. */
function memoryCache(): CleanBlocks & { size: () => number } {
  const set = new Set<string>();
  return { has: (hash) => set.has(hash), add: (hash) => void set.add(hash), save: async () => {}, size: () => set.size };
}

function changeAt(...lines: number[]): ChangedLines {
  return { added: lines.map((line) => ({ start: line, end: line })), deletedAfter: [] };
}

const options = (changes: ChangedLines) => ({ respectAll: true, needsFacts: (span: { start: number; end: number }) => isModified(span, changes) });

/** The file analysed with the cache cold (parsed whole, which fills it), then warm (parsed in part where it can be). */
function coldThenWarm(source: string, changes: ChangedLines): { whole: ModuleInfo; partial: ModuleInfo } {
  const cache = memoryCache();
  const whole = analyzeChange(analyze, source, changes, options(changes), cache);
  return { whole, partial: analyzeChange(analyze, source, changes, options(changes), cache) };
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
  it('parses the whole file while the cache does not know the other statements, then only what changed', () => {
    const changes = changeAt(19);
    const cache = memoryCache();
    const cold = analyzeChange(analyze, SERVICE, changes, options(changes), cache);
    expect(cold.partial).toBeUndefined();
    expect(cache.size()).toBe(11);
    const warm = analyzeChange(analyze, SERVICE, changes, options(changes), cache);
    expect(warm.partial).toBe(true);
    expect(warm.functions.length).toBeLessThan(cold.functions.length);
    expect(verdictInputs(warm, changes)).toEqual(verdictInputs(cold, changes));
    expect(verdictInputs(warm, changes).calls).toEqual([['post_entry', { kind: 'needs', paths: expect.any(Array) }]]);
    expect(verdictInputs(warm, changes).checked.map((fn) => fn.qualifiedName)).toEqual(['cancel_order']);
  });

  it('gives the rules what a whole-file analysis gives them, wherever the change is', () => {
    const lines = SERVICE.split('\n').length - 1;
    let partials = 0;
    for (let line = 1; line <= lines; line++) {
      const changes = changeAt(line);
      const cache = memoryCache();
      const whole = analyzeChange(analyze, SERVICE, changes, options(changes), cache);
      const partial = analyzeChange(analyze, SERVICE, changes, options(changes), cache);
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
        const { whole, partial } = coldThenWarm(source, changes);
        expect(verdictInputs(partial, changes), `changes at lines ${first} and ${second}`).toEqual(verdictInputs(whole, changes));
      }
    }
  });

  it('honours an `__all__` that sits in a statement the change does not touch', () => {
    const changes = changeAt(25);
    const cache = memoryCache();
    analyzeChange(analyze, SERVICE, changes, options(changes), cache);
    const warm = analyzeChange(analyze, SERVICE, changes, options(changes), cache);
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
    const { whole, partial } = coldThenWarm(source, changes);
    expect(partial.partial).toBe(true);
    expect(partial.outline?.bindings.helper).toEqual(whole.outline?.bindings.helper);
    expect(partial.functions.map((fn) => fn.name)).not.toContain('unrelated');
  });

  it.each([
    ['a top-level statement', py('def get(session):', '    return session.get(X, 1)', '', '', 'def legacy():', '    total = = 1'), 2],
    ['a method', py('class Orders:', '    def get(self, session):', '        return session.get(X, 1)', '', '    def legacy(self):', '        total = = 1'), 3],
  ])('still reports a syntax error in %s the change does not touch, on every run', (_, source, changed) => {
    const changes = changeAt(changed);
    const cache = memoryCache();
    for (let run = 0; run < 2; run++) {
      const module = analyzeChange(analyze, source, changes, options(changes), cache);
      expect(module.partial).toBeUndefined();
      expect(module.syntaxErrors.map((issue) => issue.line)).toEqual([6]);
    }
    // A file with a syntax error teaches the cache nothing.
    expect(cache.size()).toBe(0);
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
    const { whole, partial } = coldThenWarm(source, changes);
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
    const cache = memoryCache();
    const module = analyzeChange(analyze, source, changeAt(1), options(changeAt(1)), cache);
    expect(module.partial).toBeUndefined();
    expect(module.syntaxErrors).not.toEqual([]);
  });

  it('never remembers anything with NO_CACHE', () => {
    const changes = changeAt(19);
    analyzeChange(analyze, SERVICE, changes, options(changes), NO_CACHE);
    expect(analyzeChange(analyze, SERVICE, changes, options(changes), NO_CACHE).partial).toBeUndefined();
  });
});

describe('the cache of clean statements', () => {
  const dir = mkdtempSync(join(tmpdir(), 'txb-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what a run added for the next one, in a file per parser', async () => {
    const first = await openCleanBlocks(join(dir, 'a'), 'parser1');
    expect(first.has(blockHash('x = 1\n'))).toBe(false);
    first.add(blockHash('x = 1\n'));
    await first.save();
    const second = await openCleanBlocks(join(dir, 'a'), 'parser1');
    expect(second.has(blockHash('x = 1\n'))).toBe(true);
    expect((await openCleanBlocks(join(dir, 'a'), 'parser2')).has(blockHash('x = 1\n'))).toBe(false);
  });

  it('treats a malformed file as empty and replaces it, and never throws when it cannot write', async () => {
    const file = join(dir, 'clean-blocks-p.bin');
    writeFileSync(file, `garbage\n${blockHash('y = 2\n')}\n`);
    const cache = await openCleanBlocks(dir, 'p');
    expect(cache.has(blockHash('y = 2\n'))).toBe(false);
    expect(cache.has('garbage')).toBe(false);
    cache.add(blockHash('y = 2\n'));
    await cache.save();
    expect((await openCleanBlocks(dir, 'p')).has(blockHash('y = 2\n'))).toBe(true);
    writeFileSync(join(dir, 'not-a-dir'), '');
    const unwritable = await openCleanBlocks(join(dir, 'not-a-dir', 'cache'), 'p');
    unwritable.add(blockHash('z = 3\n'));
    await expect(unwritable.save()).resolves.toBeUndefined();
    expect(readFileSync(join(dir, 'not-a-dir'), 'utf8')).toBe('');
  });

  it('finds every entry of a large cache by binary search, merges new ones in, and keeps the newest when full', async () => {
    const hashes = Array.from({ length: 3000 }, (_, i) => blockHash(`x = ${i}\n`));
    const first = await openCleanBlocks(join(dir, 'big'), 'p');
    for (const hash of hashes.slice(0, 2000)) first.add(hash);
    await first.save();
    const second = await openCleanBlocks(join(dir, 'big'), 'p');
    expect(hashes.slice(0, 2000).every((hash) => second.has(hash))).toBe(true);
    expect(hashes.slice(2000).some((hash) => second.has(hash))).toBe(false);
    for (const hash of hashes.slice(2000)) second.add(hash);
    await second.save();
    const third = await openCleanBlocks(join(dir, 'big'), 'p');
    expect(hashes.every((hash) => third.has(hash))).toBe(true);
    expect(third.has(blockHash('never added'))).toBe(false);
    expect(statSync(join(dir, 'big', 'clean-blocks-p.bin')).size).toBe(10 + 3000 * 20);

    const full = await openCleanBlocks(join(dir, 'full'), 'p');
    for (let i = 0; i < 100_001; i++) full.add(blockHash(`y = ${i}\n`));
    await full.save();
    expect(statSync(join(dir, 'full', 'clean-blocks-p.bin')).size).toBe(10 + 80_000 * 20);
  });

  it('lives in $TXBOUNDARY_CACHE_DIR, $XDG_CACHE_HOME/txboundary or ~/.cache/txboundary', () => {
    expect(defaultCacheDir({ TXBOUNDARY_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(join('/x', 'txboundary'));
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe(join('/h', '.cache', 'txboundary'));
    expect(defaultCacheDir({ HOME: 'relative/home' })).toBeNull();
  });
});
