/**
 * fast-check arbitraries for Python service-layer modules (as `model.ts`
 * objects) and for differential cases: a committed module, the staged edits
 * on top of it, and how the file reaches the index (modified, renamed, new,
 * partially staged).
 */
import fc from 'fast-check';
import type { Docstring, Func, Item, Klass, Module, Params, Stmt } from './model.js';
import * as V from './vocabulary.js';

/** Picks from `[weight, arbitrary]` pairs. */
function weighted<T>(...entries: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> {
  return fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
}

function pick<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...values);
}

/** `value` once in `oneIn` draws, otherwise null. */
function rarely<T>(value: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return weighted<T | null>([oneIn - 1, fc.constant(null)], [1, value]);
}

function lines(block: readonly string[]): string[] {
  return [...block];
}

/** Which kind of section a generated docstring carries (the edits also use it). */
export const sectionBlockArb: fc.Arbitrary<string[] | null> = weighted<string[] | null>(
  [4, fc.constant(null)],
  [5, pick(V.SECTION_PRESENT).map(lines)],
  [2, pick(V.SECTION_EMPTY).map(lines)],
  [1, pick(V.SECTION_LOOKALIKE).map(lines)],
);

export const docstringArb: fc.Arbitrary<Docstring> = fc
  .record({
    style: weighted<Docstring['style']>(
      [12, fc.constant('triple')],
      [2, fc.constant('triple-single')],
      [2, fc.constant('oneline')],
      [1, fc.constant('oneline-single')],
      [1, fc.constant('concat')],
      [1, fc.constant('concat-paren')],
    ),
    prefix: weighted<Docstring['prefix']>([20, fc.constant('')], [2, fc.constant('r')], [1, fc.constant('R')], [1, fc.constant('u')], [1, fc.constant('b')], [1, fc.constant('f')]),
    summary: pick(V.SUMMARIES),
    blankAfterSummary: fc.boolean(),
    section: sectionBlockArb,
    tail: rarely(pick(V.DOC_TAILS).map(lines), 3),
    closeOnLastLine: fc.boolean(),
    firstLineSection: weighted([9, fc.constant(false)], [1, fc.constant(true)]),
  })
  .map(({ style, prefix, summary, blankAfterSummary, section, tail, closeOnLastLine, firstLineSection }) => {
    const body: string[] = [];
    if (section !== null && firstLineSection) body.push(...section);
    else {
      body.push(summary);
      if (section !== null) {
        if (blankAfterSummary) body.push('');
        body.push(...section);
      }
    }
    if (tail !== null) body.push(...tail);
    return { style, prefix, lines: body, closeOnLastLine };
  });

export function sessionLine(text: string, session: string): string {
  return text.replaceAll('S.', `${session}.`).replaceAll('=S)', `=${session})`).replaceAll(', S)', `, ${session})`).replaceAll('(S,', `(${session},`).replaceAll(' as S', ` as ${session}`);
}

function lineArb(session: string): fc.Arbitrary<Stmt> {
  return weighted<string>([4, pick(V.WRITE_LINES)], [5, pick(V.READ_LINES)], [2, pick(V.CALL_LINES)], [1, pick(V.MULTILINE_LINES)]).map((text) => ({ kind: 'line', text: sessionLine(text, session) }));
}

/** Function body statements, nested helpers and blocks included (bounded depth). */
export function stmtsArb(session: string, depth: number): fc.Arbitrary<Stmt[]> {
  const line = lineArb(session);
  if (depth >= 2) return fc.array(line, { minLength: 0, maxLength: 3 });
  const block: fc.Arbitrary<Stmt> = fc.tuple(pick(V.BLOCK_HEADERS), fc.array(stmtsArb(session, depth + 1), { minLength: 2, maxLength: 4 })).map(([headers, bodies]) => ({
    kind: 'block',
    clauses: headers.map((header, i) => ({ header: sessionLine(header, session), body: bodies[i] ?? [] })),
  }));
  const helper: fc.Arbitrary<Stmt[]> = fc.tuple(stmtsArb('sess', depth + 1), fc.boolean()).map(([body, asClass]): Stmt[] =>
    asClass
      ? [{ kind: 'helper', header: 'class _Step', body: [{ kind: 'helper', header: 'def apply(self, sess)', body }] }]
      : [
          { kind: 'helper', header: 'def _impl(sess)', body },
          { kind: 'line', text: `return run_in_session(_impl, ${session})` },
        ],
  );
  return fc
    .array(weighted<Stmt[]>([12, line.map((s) => [s])], [2, block.map((s) => [s])], [1, helper]), {
      minLength: 0,
      maxLength: 5,
    })
    .map((groups) => groups.flat());
}

function paramsArb(isMethod: boolean): fc.Arbitrary<Params> {
  return fc
    .record({
      required: fc.shuffledSubarray([...V.PARAM_NAMES], { minLength: 0, maxLength: 3 }),
      defaults: fc.subarray([...V.DEFAULT_PARAMS], { minLength: 0, maxLength: 2 }),
      star: weighted<Params['star']>([6, fc.constant('')], [1, fc.constant('*')], [1, fc.constant('*args')]),
      kwonly: fc.subarray([...V.KWONLY_PARAMS], { minLength: 0, maxLength: 1 }),
      kwargs: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
      multiline: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
    })
    .map((params) => {
      // `session` and `session: Session` name the same parameter: keep one.
      const seen = new Set<string>();
      const required = params.required.filter((p) => {
        const name = p.split(':')[0] ?? p;
        if (seen.has(name)) return false;
        seen.add(name);
        return true;
      });
      const defaults = params.defaults.filter((p) => !seen.has(p.split(/[:=]/)[0]?.trim() ?? p));
      const star = params.star === '*' && params.kwonly.length === 0 ? '' : params.star;
      return { ...params, required: isMethod ? ['self', ...required] : required, defaults, star };
    });
}

function nameArb(isMethod: boolean): fc.Arbitrary<string> {
  return weighted<string>([14, pick(V.PUBLIC_FUNCTION_NAMES)], [3, pick(V.PRIVATE_FUNCTION_NAMES)], [isMethod ? 2 : 0, pick(V.DUNDER_NAMES)], [1, pick(V.UNICODE_NAMES)], [1, pick(V.NFKC_NAMES)]);
}

function decoratorsArb(isMethod: boolean): fc.Arbitrary<string[]> {
  return weighted<string[]>([7, fc.constant([])], [3, fc.array(pick(isMethod ? V.METHOD_DECORATORS : V.TOP_DECORATORS), { minLength: 1, maxLength: 2 })]);
}

/** A `def`/`async def` at module level (`isMethod` false) or in a class body. */
export function funcArb(isMethod: boolean): fc.Arbitrary<Func> {
  return fc
    .record({
      name: nameArb(isMethod),
      isAsync: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
      decorators: decoratorsArb(isMethod),
      params: paramsArb(isMethod),
      returns: fc.option(pick(V.RETURN_ANNOTATIONS), { freq: 3 }),
      defComment: rarely(pick(V.DEF_COMMENTS), 6),
      commentOnClose: fc.boolean(),
      docstring: fc.option(docstringArb, { freq: 4 }),
      inline: weighted([12, fc.constant(false)], [1, fc.constant(true)]),
      spacing: weighted<Func['spacing']>([30, fc.constant(' ')], [1, fc.constant('  ')], [1, fc.constant('\t')]),
      commentBeforeDoc: weighted([15, fc.constant(false)], [1, fc.constant(true)]),
      body: stmtsArb('session', 0),
    })
    .map((fn) => {
      const decorators = fn.decorators.map((d) => d.replace('NAME', fn.name));
      const staticMethod = decorators.includes('staticmethod');
      const required = staticMethod ? fn.params.required.filter((p) => p !== 'self') : fn.params.required;
      return { kind: 'func', ...fn, decorators, params: { ...fn.params, required } } satisfies Func;
    });
}

/** `@property` getter followed by `@name.setter` (and sometimes `@name.deleter`). */
function propertyGroupArb(): fc.Arbitrary<Item[]> {
  return fc.tuple(funcArb(true), funcArb(true), rarely(funcArb(true), 3)).map(([getter, setter, deleter]) => {
    const name = getter.name;
    const group: Item[] = [{ ...getter, decorators: ['property'] }, { kind: 'blank' }, { ...setter, name, decorators: [`${name}.setter`] }];
    if (deleter !== null) group.push({ kind: 'blank' }, { ...deleter, name, decorators: [`${name}.deleter`] });
    return group;
  });
}

/** Two `@overload` stubs and the implementation, all with the same name. */
function overloadGroupArb(isMethod: boolean): fc.Arbitrary<Item[]> {
  return fc.tuple(funcArb(isMethod), funcArb(isMethod), funcArb(isMethod), pick(['overload', 'typing.overload'])).map(([a, b, impl, decorator]) => {
    const name = impl.name;
    const stub = (fn: Func): Func => ({ ...fn, name, decorators: [decorator], inline: true, docstring: null, body: [{ kind: 'line', text: '...' }] });
    return [stub(a), stub(b), { kind: 'blank' }, { ...impl, name }];
  });
}

const separatorArb = (inClass: boolean): fc.Arbitrary<Item[]> =>
  weighted<Item[]>(
    [6, fc.constant(inClass ? [{ kind: 'blank' }] : [{ kind: 'blank' }, { kind: 'blank' }])],
    [2, fc.constant([])],
    [2, pick(V.COMMENTS).map((text): Item[] => [{ kind: 'blank' }, { kind: 'comment', text }])],
  );

interface ItemsOptions {
  inClass: boolean;
  depth: number;
  maxItems: number;
}

/** The body of a module, class or transparent compound statement. */
export function itemsArb(options: ItemsOptions): fc.Arbitrary<Item[]> {
  const { inClass, depth } = options;
  const deeper = { inClass, depth: depth + 1, maxItems: Math.max(1, options.maxItems - 2) };
  const choices: [number, fc.Arbitrary<Item[]>][] = [
    [30, funcArb(inClass).map((fn) => [fn])],
    [6, pick(inClass ? V.CLASS_STMTS : V.MODULE_STMTS).map((text): Item[] => [{ kind: 'stmt', text }])],
    [3, pick(V.COMMENTS).map((text): Item[] => [{ kind: 'comment', text }])],
    [inClass ? 3 : 0, propertyGroupArb()],
    [2, overloadGroupArb(inClass)],
  ];
  if (depth < 2) {
    choices.push([depth === 0 && !inClass ? 12 : 3, classArb(depth + 1).map((k) => [k])]);
    choices.push([
      3,
      fc
        .tuple(pick(V.COMPOUND_HEADERS), fc.array(itemsArb(deeper), { minLength: 4, maxLength: 4 }))
        .map(([headers, bodies]): Item[] => [{ kind: 'compound', clauses: headers.map((header, i) => ({ header, body: bodies[i] ?? [] })) }]),
    ]);
    choices.push([
      depth === 0 ? 1 : 0,
      fc.tuple(itemsArb(deeper), itemsArb(deeper)).map(([a, b]): Item[] => [
        {
          kind: 'match',
          subject: 'BACKEND',
          cases: [
            { pattern: '"postgres"', body: a },
            { pattern: '_', body: b },
          ],
        },
      ]),
    ]);
  }
  return fc
    .array(fc.tuple(separatorArb(inClass), weighted(...choices)), { minLength: 0, maxLength: options.maxItems })
    .map((groups) => groups.flatMap(([separator, items]) => [...separator, ...items]));
}

export function classArb(depth: number): fc.Arbitrary<Klass> {
  return fc
    .record({
      name: pick(V.CLASS_NAMES),
      bases: pick(V.CLASS_BASES),
      decorators: weighted<string[]>([8, fc.constant([])], [1, fc.constant(['dataclass'])], [1, fc.constant(['register.service("x")'])]),
      docstring: fc.option(docstringArb, { freq: 3 }),
      members: itemsArb({ inClass: true, depth, maxItems: depth >= 2 ? 2 : 5 }),
    })
    .map((k) => ({ kind: 'class', ...k }) satisfies Klass);
}

/** How `__all__` appears in a module (resolved against the module's names once it exists). */
interface AllSpec {
  form: 'list' | 'tuple' | 'bare-tuple' | 'annotated' | 'augment' | 'assign-then-augment' | 'non-literal' | 'append' | 'extend' | 'remove' | 'sort' | 'chained' | 'unpack';
  picks: number[];
  placement: 'top' | 'bottom' | 'if' | 'try';
}

const allSpecArb: fc.Arbitrary<AllSpec | null> = rarely(
  fc.record({
    form: weighted<AllSpec['form']>(
      [5, fc.constant('list')],
      [2, fc.constant('tuple')],
      [1, fc.constant('annotated')],
      [1, fc.constant('augment')],
      [2, fc.constant('assign-then-augment')],
      [1, fc.constant('non-literal')],
      [1, fc.constant('append')],
      [1, fc.constant('bare-tuple')],
      [1, fc.constant('extend')],
      [1, fc.constant('remove')],
      [1, fc.constant('sort')],
      [1, fc.constant('chained')],
      [1, fc.constant('unpack')],
    ),
    picks: fc.array(fc.nat(), { minLength: 0, maxLength: 4 }),
    placement: weighted<AllSpec['placement']>([5, fc.constant('top')], [2, fc.constant('bottom')], [1, fc.constant('if')], [1, fc.constant('try')]),
  }),
  4,
);

/** Names bound by module-level `def`/`class` statements, transparent blocks included. */
export function topLevelNames(items: Item[]): string[] {
  const names: string[] = [];
  for (const item of items) {
    if (item.kind === 'func' || item.kind === 'class') names.push(item.name);
    else if (item.kind === 'compound') for (const clause of item.clauses) names.push(...topLevelNames(clause.body));
    else if (item.kind === 'match') for (const clause of item.cases) names.push(...topLevelNames(clause.body));
  }
  return names;
}

function quoteList(names: string[], open: string, close: string): string {
  const inner = names.map((n, i) => (i % 2 === 0 ? `"${n}"` : `'${n}'`)).join(', ');
  return `${open}${inner}${names.length === 1 && open === '(' ? ',' : ''}${close}`;
}

function allStatements(spec: AllSpec, names: string[]): Item[] {
  const pool = [...new Set(names)];
  const picked = pool.length === 0 ? ['missing'] : [...new Set(spec.picks.map((p) => pool[p % pool.length] as string))];
  const chosen = picked.length === 0 ? ['missing'] : picked;
  const half = Math.ceil(chosen.length / 2);
  switch (spec.form) {
    case 'list':
      return [{ kind: 'stmt', text: `__all__ = ${quoteList(chosen, '[', ']')}` }];
    case 'tuple':
      return [{ kind: 'stmt', text: `__all__ = ${quoteList(chosen, '(', ')')}` }];
    case 'annotated':
      return [{ kind: 'stmt', text: `__all__: list[str] = ${quoteList(chosen, '[', ']')}` }];
    case 'augment':
      return [{ kind: 'stmt', text: `__all__ += ${quoteList(chosen, '[', ']')}` }];
    case 'assign-then-augment':
      return [
        { kind: 'stmt', text: `__all__ = ${quoteList(chosen.slice(0, half), '[', ']')}` },
        { kind: 'stmt', text: `__all__ += ${quoteList(chosen.slice(half), '(', ')')}` },
      ];
    case 'non-literal':
      return [{ kind: 'stmt', text: `__all__ = ${quoteList(chosen, '[', ']')} + other.__all__` }];
    case 'append':
      return [
        { kind: 'stmt', text: `__all__ = ${quoteList(chosen, '[', ']')}` },
        { kind: 'stmt', text: `__all__.append("${pool[0] ?? 'x'}")` },
      ];
    case 'bare-tuple':
      return [{ kind: 'stmt', text: `__all__ = ${chosen.map((n) => `"${n}"`).join(', ')}${chosen.length === 1 ? ',' : ''}` }];
    case 'extend':
      return [
        { kind: 'stmt', text: `__all__ = ${quoteList(chosen.slice(0, half), '[', ']')}` },
        { kind: 'stmt', text: `__all__.extend(${quoteList(chosen.slice(half), '(', ')')})` },
      ];
    case 'remove':
      return [
        { kind: 'stmt', text: `__all__ = ${quoteList(chosen, '[', ']')}` },
        { kind: 'stmt', text: `__all__.remove("${chosen[0]}")` },
      ];
    case 'sort':
      return [
        { kind: 'stmt', text: `__all__ = ${quoteList(chosen, '[', ']')}` },
        { kind: 'stmt', text: '__all__.sort()' },
      ];
    case 'chained':
      return [{ kind: 'stmt', text: `__all__ = _exported = ${quoteList(chosen, '[', ']')}` }];
    case 'unpack':
      return [{ kind: 'stmt', text: `__all__, _version = ${quoteList(chosen, '[', ']')}, "1.0"` }];
  }
}

export const moduleArb: fc.Arbitrary<Module> = fc
  .record({
    docstring: rarely(docstringArb, 3),
    header: fc.subarray([...V.MODULE_STMTS], { minLength: 0, maxLength: 3 }),
    items: itemsArb({ inClass: false, depth: 0, maxItems: 7 }),
    all: allSpecArb,
    indent: weighted([12, fc.constant('    ')], [1, fc.constant('  ')], [1, fc.constant('\t')]),
  })
  .map(({ docstring, header, items, all, indent }) => {
    const headerItems: Item[] = header.map((text) => ({ kind: 'stmt', text }));
    const body = [...items];
    if (all !== null) {
      const statements = allStatements(all, topLevelNames(items));
      if (all.placement === 'top') headerItems.push({ kind: 'blank' }, ...statements);
      else if (all.placement === 'bottom') body.push({ kind: 'blank' }, ...statements);
      else if (all.placement === 'if') headerItems.push({ kind: 'compound', clauses: [{ header: 'if True', body: statements }] });
      else {
        headerItems.push({
          kind: 'compound',
          clauses: [
            { header: 'try', body: [{ kind: 'stmt', text: 'from ._names import __all__' }] },
            { header: 'except ImportError', body: statements },
          ],
        });
      }
    }
    return { docstring, items: [...headerItems, ...body], indent } satisfies Module;
  });
