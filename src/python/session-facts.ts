import type { Node } from 'web-tree-sitter';
import type { Binding, HeldCall, ScopeOpening, SessionFacts } from '../session-types.js';
import { isInertCallee, isSessionMaker, SESSION_NAMES } from '../suggest/vocabulary.js';
import { oneLine, textOf } from './body-facts.js';
import { alwaysLeaves, readNoneTest } from './none-test.js';
import { sessionParameterOf } from './parameters.js';
import { isScopeOpener, mostScopesOnOnePath } from './scope-paths.js';
import { importBindings } from './signatures.js';

/** Where a node sits: which session variable is held there, and which names are known to be None. */
interface Context {
  held: string | null;
  none: ReadonlySet<string>;
}

interface Pending {
  node: Node;
  context: Context;
}

/** What the walk learns about names, function-wide (Python's scoping is function-wide too). */
interface Names {
  /** Names bound inside the body: calls through them never reach a module-level function. */
  local: Set<string>;
  /** Names that hold a session: session parameters and `with …session… as s` targets. */
  sessions: Set<string>;
  imports: Record<string, Binding>;
}

/**
 * How a function body (nested helpers included) handles sessions: which
 * `session_scope(…)` it opens and under which guard (TXB006), and which calls
 * it makes while it holds a session without passing one on (TXB005).
 *
 * A session is held inside a function or nested helper that has a session
 * parameter, and inside `with <…session…>(…) as s:`. Where a guard says the
 * parameter is None (`if session is None:`, the rest of a block after
 * `if session is not None: return …`), it is not held.
 */
export function collectSessionFacts(fn: Node, source: string): SessionFacts {
  const parameter = sessionParameterOf(fn, source);
  const names: Names = { local: new Set(), sessions: new Set(), imports: Object.create(null) };
  const scopes: Array<{ call: Node; context: Context }> = [];
  const calls: Array<{ call: Node; context: Context }> = [];
  const stack: Pending[] = [{ node: fn, context: { held: null, none: new Set() } }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, context } = item;
    bindNames(node, node === fn, names, source);
    if (node.type === 'call') {
      if (isScopeOpener(node)) scopes.push({ call: node, context });
      else if (context.held !== null) calls.push({ call: node, context });
    }
    const children = childrenInContext(node, context, source);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Pending);
  }
  // Described once the walk is over, when every session variable is known.
  const inOrder = (a: { call: Node }, b: { call: Node }) => a.call.startIndex - b.call.startIndex;
  return {
    parameter,
    scopes: scopes.sort(inOrder).map(({ call, context }) => describeOpening(call, context, parameter?.name ?? null, names, source)),
    // Paths only matter once there are two openings to put on one.
    mostScopesOnOnePath: scopes.length < 2 ? scopes.length : mostScopesOnOnePath(fn),
    calls: calls.sort(inOrder).flatMap(({ call, context }) => describeHeldCall(call, context, names, source) ?? []),
    imports: names.imports,
  };
}

/** The children of `node`, each with the context it runs in. */
function childrenInContext(node: Node, context: Context, source: string): Pending[] {
  const children = node.namedChildren;
  switch (node.type) {
    case 'function_definition':
    case 'lambda': {
      const parameter = sessionParameterOf(node, source);
      const inner = parameter ? { held: parameter.name, none: without(context.none, parameter.name) } : context;
      // Defaults and decorators run where the function is defined; only the body holds its session.
      const body = node.childForFieldName('body');
      return children.map((child) => ({ node: child, context: child.id === body?.id ? inner : context }));
    }
    case 'with_statement': {
      const target = heldTarget(node, source);
      const inner = target ? { held: target, none: without(context.none, target) } : context;
      return children.map((child) => ({ node: child, context: child.type === 'block' ? inner : context }));
    }
    case 'if_statement':
      return ifChildren(node, context);
    case 'conditional_expression': {
      // `a if test else b`: named children are a, test, b.
      const test = readNoneTest(children[1] ?? null);
      return children.map((child, i) => ({
        node: child,
        context: test && i === (test.holdsWhen === 'none' ? 0 : 2) ? assumeNone(context, test.name) : context,
      }));
    }
    case 'block':
      return blockChildren(children, context);
    default:
      return children.map((child) => ({ node: child, context }));
  }
}

/** `if session is None:` → the body assumes None; `if session:` → the `elif`/`else` do. */
function ifChildren(node: Node, context: Context): Pending[] {
  const test = readNoneTest(node.childForFieldName('condition'));
  return node.namedChildren.map((child) => {
    if (!test) return { node: child, context };
    const isBody = child.type === 'block';
    const isAlternative = child.type === 'elif_clause' || child.type === 'else_clause';
    const assumes = test.holdsWhen === 'none' ? isBody : isAlternative;
    return { node: child, context: assumes ? assumeNone(context, test.name) : context };
  });
}

/** After `if session is not None: … return`, the rest of the block runs only without a session. */
function blockChildren(children: Node[], context: Context): Pending[] {
  const result: Pending[] = [];
  let current = context;
  for (const child of children) {
    result.push({ node: child, context: current });
    if (child.type !== 'if_statement' || child.childrenForFieldName('alternative').length > 0) continue;
    const test = readNoneTest(child.childForFieldName('condition'));
    if (test?.holdsWhen === 'present' && alwaysLeaves(child.childForFieldName('consequence'))) {
      current = assumeNone(current, test.name);
    }
  }
  return result;
}

function assumeNone(context: Context, name: string): Context {
  return { held: context.held === name ? null : context.held, none: new Set([...context.none, name]) };
}

function without(set: ReadonlySet<string>, name: string): ReadonlySet<string> {
  if (!set.has(name)) return set;
  const copy = new Set(set);
  copy.delete(name);
  return copy;
}

/** `with session_scope() as s:`, `async with Session() as s:` → `s`; the last such item wins. */
function heldTarget(withStatement: Node, source: string): string | null {
  let target: string | null = null;
  const clause = withStatement.namedChildren.find((child) => child.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    const value = item.childForFieldName('value');
    if (value?.type !== 'as_pattern') continue;
    const alias = value.childForFieldName('alias')?.firstNamedChild;
    const context = value.firstNamedChild;
    const maker = context?.type === 'call' ? context.childForFieldName('function') : context;
    if (alias?.type === 'identifier' && maker && /session/i.test(textOf(maker, source))) target = alias.text;
  }
  return target;
}

/** Record what `node` binds: locals, session variables, function-level imports. */
function bindNames(node: Node, isRoot: boolean, names: Names, source: string): void {
  switch (node.type) {
    case 'function_definition':
    case 'lambda': {
      if (!isRoot && node.type === 'function_definition') addName(node.childForFieldName('name'), names.local);
      const parameter = sessionParameterOf(node, source);
      if (parameter) names.sessions.add(parameter.name);
      for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) addTargets(param, names.local);
      return;
    }
    case 'class_definition':
      addName(node.childForFieldName('name'), names.local);
      return;
    case 'import_statement':
    case 'import_from_statement':
      for (const [name, binding] of importBindings(node)) names.imports[name] = binding;
      return;
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause':
      addTargets(node.childForFieldName('left'), names.local);
      return;
    case 'named_expression':
      addName(node.childForFieldName('name'), names.local);
      return;
    case 'as_pattern': {
      const alias = node.childForFieldName('alias');
      addTargets(alias, names.local);
      const target = alias?.firstNamedChild;
      const context = node.firstNamedChild;
      const maker = context?.type === 'call' ? context.childForFieldName('function') : context;
      if (target?.type === 'identifier' && maker && /session/i.test(textOf(maker, source))) names.sessions.add(target.text);
      return;
    }
    default:
  }
}

function addName(node: Node | null, into: Set<string>): void {
  if (node?.type === 'identifier') into.add(node.text);
}

/** Identifiers a target or parameter binds: `a`, `(a, *b)`, `x: int = 1`, `*args`. */
function addTargets(node: Node | null, into: Set<string>): void {
  if (!node) return;
  if (node.type === 'identifier') {
    into.add(node.text);
    return;
  }
  if (['attribute', 'subscript'].includes(node.type)) return;
  const named = node.childForFieldName('name');
  if (named) {
    addName(named, into);
    return;
  }
  for (const child of node.namedChildren) {
    if (child.type === 'type' || child.type === 'comment') continue;
    addTargets(child, into);
  }
}

function describeOpening(call: Node, context: Context, parameter: string | null, names: Names, source: string): ScopeOpening {
  return {
    line: call.startPosition.row + 1,
    text: oneLine(textOf(call, source)),
    inherits: argumentsOf(call).some((arg) => isSessionValue(argumentValue(arg), names)),
    whenNoSession: parameter !== null && context.none.has(parameter),
  };
}

/**
 * A call to a dotted name that passes no session on, made where a session is
 * held. Calls through local names, on the session itself, to session
 * factories or inert builtins, and calls with `*args`/`**kwargs` (what they
 * pass is unknown) are left out.
 */
function describeHeldCall(call: Node, context: Context, names: Names, source: string): HeldCall | undefined {
  const callee = call.childForFieldName('function');
  const parts = callee ? dottedParts(callee) : null;
  const [first] = parts ?? [];
  if (!parts || first === undefined || context.held === null) return undefined;
  const isMethodCall = (first === 'self' || first === 'cls') && parts.length === 2;
  if (names.local.has(first) && !Object.hasOwn(names.imports, first) && !isMethodCall) return undefined;
  if (SESSION_NAMES.has(first) || names.sessions.has(first)) return undefined;
  const calleeText = parts.join('.');
  if (isSessionMaker(calleeText) || isInertCallee(calleeText)) return undefined;
  const args = argumentsOf(call);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  if (args.some((arg) => passesSession(arg, names))) return undefined;
  return {
    callee: calleeText,
    line: call.startPosition.row + 1,
    text: oneLine(textOf(call, source)),
    positional: args.filter((arg) => arg.type !== 'keyword_argument').length,
    keywords: args.flatMap((arg) => (arg.type === 'keyword_argument' ? [arg.childForFieldName('name')?.text ?? ''] : [])),
    session: context.held,
  };
}

/** `a`, `a.b.c` → the parts; anything else (a call result, a subscript) → null. */
function dottedParts(node: Node): string[] | null {
  const parts: string[] = [];
  let current: Node | null = node;
  while (current?.type === 'attribute') {
    const attribute = current.childForFieldName('attribute')?.text;
    if (!attribute) return null;
    parts.unshift(attribute);
    current = current.childForFieldName('object');
  }
  if (current?.type !== 'identifier') return null;
  parts.unshift(current.text);
  return parts;
}

function argumentsOf(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return list?.type === 'argument_list' ? list.namedChildren.filter((arg) => arg.type !== 'comment') : [];
}

function argumentValue(arg: Node): Node | null {
  return arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
}

/** A session value in any position, or a `session=`-style keyword with any value but None. */
function passesSession(arg: Node, names: Names): boolean {
  if (arg.type !== 'keyword_argument') return isSessionValue(arg, names);
  const value = arg.childForFieldName('value');
  return isSessionValue(value, names) || (SESSION_NAMES.has(arg.childForFieldName('name')?.text ?? '') && value?.type !== 'none');
}

/** `session`, `s` bound by `with session_scope() as s`, `self.session`. */
function isSessionValue(node: Node | null, names: Names): boolean {
  if (node?.type === 'identifier') return SESSION_NAMES.has(node.text) || names.sessions.has(node.text);
  if (node?.type !== 'attribute') return false;
  const owner = node.childForFieldName('object')?.text;
  const name = node.childForFieldName('attribute')?.text ?? '';
  return (owner === 'self' || owner === 'cls') && SESSION_NAMES.has(name.replace(/^_/, ''));
}
