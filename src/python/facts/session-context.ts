import type { SyntaxNode } from '../tree/syntax-node.js';
import type { TypedNode } from '../tree/body-nodes.js';
import type { CodeText } from '../tree/code-text.js';
import { alwaysLeaves, readNoneTest } from './none-test.js';
import { sessionParameterOf } from '../inventory/parameters.js';
import { withTarget } from './name-bindings.js';

/** Where a node sits: which session variable is held there, and which names are known to be None. */
export interface Context {
  held: string | null;
  none: ReadonlySet<string>;
}

/** A stretch of source where the context changes, and how. */
interface Region {
  start: number;
  end: number;
  enter: (outer: Context) => Context;
}

const OUTSIDE: Context = Object.freeze({ held: null, none: new Set<string>() });

/**
 * The context of each call (in the order of `calls`). A session is held in the body of a function with a session
 * parameter and in `with <…session…>(…) as s:`, and not where a guard says it is None (`if session is None:`,
 * the rest of a block after `if session is not None: return …`).
 *
 * Regions come from the syntax tree, so two are either nested or apart; sorted by start (the outer first),
 * one sweep with a stack of open regions gives each call the composition of the regions around it.
 */
export function contextsOfCalls(calls: readonly SyntaxNode[], others: readonly TypedNode[], code: CodeText): Context[] {
  const regions = others.flatMap(({ node, type }) => regionsOf(node, type, code));
  regions.sort((a, b) => a.start - b.start || b.end - a.end);
  const open: Array<{ end: number; context: Context }> = [];
  const close = (at: number) => {
    while (open.length > 0 && (open[open.length - 1] as { end: number }).end <= at) open.pop();
  };
  let next = 0;
  return calls.map((call) => {
    const at = call.startIndex;
    for (let region = regions[next]; region !== undefined && region.start <= at; region = regions[++next]) {
      close(region.start);
      open.push({ end: region.end, context: region.enter(open[open.length - 1]?.context ?? OUTSIDE) });
    }
    close(at);
    return open[open.length - 1]?.context ?? OUTSIDE;
  });
}

function regionsOf(node: SyntaxNode, type: string, code: CodeText): Region[] {
  switch (type) {
    case 'function_definition':
    case 'lambda': {
      // Defaults and decorators run where the function is defined; only the body holds its session.
      const parameter = sessionParameterOf(node, code.source);
      const body = parameter ? node.childForFieldName('body') : null;
      return body && parameter ? [regionOver(body, hold(parameter.name))] : [];
    }
    case 'with_statement': {
      const target = heldTarget(node, code);
      if (!target) return [];
      return node.namedChildren.filter((child) => child.type === 'block').map((block) => regionOver(block, hold(target)));
    }
    case 'if_statement':
      return ifRegions(node);
    case 'conditional_expression': {
      // `a if test else b`: named children are a, test, b.
      const children = node.namedChildren;
      const test = readNoneTest(children[1] ?? null);
      const branch = test ? children[test.holdsWhen === 'none' ? 0 : 2] : undefined;
      return test && branch ? [regionOver(branch, assumeNone(test.name))] : [];
    }
    default:
      return [];
  }
}

/**
 * `if session is None:` → the body assumes None; `if session:` → the `elif`/`else` do. After
 * `if session is not None: … return` without `elif`/`else`, the rest of the enclosing block runs only without a session.
 */
function ifRegions(node: SyntaxNode): Region[] {
  const test = readNoneTest(node.childForFieldName('condition'));
  if (!test) return [];
  const enter = assumeNone(test.name);
  const regions = node.namedChildren
    .filter((child) => (test.holdsWhen === 'none' ? child.type === 'block' : child.type === 'elif_clause' || child.type === 'else_clause'))
    .map((child) => regionOver(child, enter));
  if (test.holdsWhen === 'present' && node.childrenForFieldName('alternative').length === 0 && alwaysLeaves(node.childForFieldName('consequence'))) {
    // Rare enough that asking for the parent (a walk down from the root) costs nothing noticeable.
    const block = node.parent;
    if (block?.type === 'block') regions.push({ start: node.endIndex, end: block.endIndex, enter });
  }
  return regions;
}

function regionOver(node: SyntaxNode, enter: (outer: Context) => Context): Region {
  return { start: node.startIndex, end: node.endIndex, enter };
}

function hold(name: string): (outer: Context) => Context {
  return (outer) => ({ held: name, none: without(outer.none, name) });
}

function assumeNone(name: string): (outer: Context) => Context {
  return (outer) => ({ held: outer.held === name ? null : outer.held, none: new Set([...outer.none, name]) });
}

function without(set: ReadonlySet<string>, name: string): ReadonlySet<string> {
  if (!set.has(name)) return set;
  const copy = new Set(set);
  copy.delete(name);
  return copy;
}

/** `with session_scope() as s:`, `async with Session() as s:` → `s`; the last such item wins. */
function heldTarget(withStatement: SyntaxNode, code: CodeText): string | null {
  let held: string | null = null;
  const clause = withStatement.namedChildren.find((child) => child.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    const target = withTarget(item, code);
    if (target && /session/i.test(target.maker)) held = target.name;
  }
  return held;
}
