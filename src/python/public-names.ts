import type { Node } from 'web-tree-sitter';
import { forEachStatement } from './statements.js';
import { readStrConstant } from './string-literal.js';

/** `undefined`: never assigned; `null`: assigned something we cannot read. */
type AllState = Set<string> | null | undefined;

/**
 * The names listed in a literal module-level `__all__`, or null when there
 * is no such list and every top-level name may be public.
 *
 * Statements are read in source order, through `if`/`try`/… blocks: the last
 * assignment (plain or annotated) of a list or tuple of string literals wins,
 * `__all__ += [...]`, `.extend([...])`, `.append("x")` and `.remove("x")`
 * edit it, and anything that is not a literal (`__all__ = base.__all__ + […]`)
 * makes it unknown until the next literal assignment, the same idioms type
 * checkers such as pyright accept.
 */
export function readPublicNames(root: Node): ReadonlySet<string> | null {
  let state: AllState;
  forEachStatement(root, false, (node) => {
    if (node.type !== 'expression_statement') return;
    const expression = node.firstNamedChild;
    if (expression) state = applyStatement(expression, state);
  });
  return state ?? null;
}

function applyStatement(expression: Node, state: AllState): AllState {
  if (expression.type === 'assignment' && isAll(expression.childForFieldName('left'))) {
    const value = expression.childForFieldName('right');
    // `__all__: list[str]` alone declares a type and assigns nothing.
    return value ? literalNames(value) : state;
  }
  if (expression.type === 'augmented_assignment' && isAll(expression.childForFieldName('left'))) {
    if (expression.childForFieldName('operator')?.type !== '+=') return null;
    return extend(state, literalNames(expression.childForFieldName('right')));
  }
  if (expression.type === 'call') {
    const callee = expression.childForFieldName('function');
    if (callee?.type !== 'attribute' || !isAll(callee.childForFieldName('object'))) return state;
    const method = callee.childForFieldName('attribute')?.text;
    const argument = onlyArgument(expression);
    if (method === 'extend') return extend(state, literalNames(argument));
    if (method === 'append') return extend(state, singleName(argument));
    if (method === 'remove' && state) {
      const removed = singleName(argument);
      if (!removed) return null;
      for (const name of removed) state.delete(name);
      return state;
    }
    return method === 'remove' ? state : null;
  }
  return state;
}

function isAll(node: Node | null): boolean {
  return node?.type === 'identifier' && node.text === '__all__';
}

function extend(state: AllState, added: Set<string> | null): AllState {
  if (state === null || added === null) return null;
  // `+=` before any assignment would fail at import time; start from empty.
  return new Set([...(state ?? []), ...added]);
}

function onlyArgument(call: Node): Node | null {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((child) => child.type !== 'comment');
  return args?.length === 1 ? (args[0] ?? null) : null;
}

/** The strings of a list or tuple display made only of string literals. */
function literalNames(node: Node | null): Set<string> | null {
  if (!node) return null;
  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.filter((child) => child.type !== 'comment');
    // `("a")` is a str, not a tuple; only look through redundant parentheses around a list.
    return inner.length === 1 && inner[0]?.type === 'list' ? literalNames(inner[0]) : null;
  }
  if (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'expression_list') return null;
  const names = new Set<string>();
  for (const element of node.namedChildren) {
    if (element.type === 'comment') continue;
    const constant = readStrConstant(element);
    if (!constant) return null;
    names.add(constant.value);
  }
  return names;
}

function singleName(node: Node | null): Set<string> | null {
  const constant = node ? readStrConstant(node) : null;
  return constant ? new Set([constant.value]) : null;
}
