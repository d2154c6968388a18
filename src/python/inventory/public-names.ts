import type { Node } from 'web-tree-sitter';
import type { Statement } from '../tree/statements.js';
import { readStrConstant } from '../literals/string-literal.js';

/** `undefined`: never assigned; `null`: assigned something we cannot read. */
type AllState = Set<string> | null | undefined;

/**
 * The names listed in a literal module-level `__all__`, or null when there is none and every top-level name may be
 * public (docs/rules.md). Read in source order, through `if`/`try` blocks:
 * - the last assignment (plain, annotated or chained) of a list or tuple of string literals wins;
 * - `+=`, `.append("x")` and `.extend([...])` of literals extend it;
 * - anything else (`__all__ = base.__all__ + […]`, `.remove(…)`) makes it unknown, and every name public, until the
 *   next literal assignment.
 */
export function readPublicNames(statements: readonly Statement[]): ReadonlySet<string> | null {
  let state: AllState;
  for (const { node, type, classPath } of statements) {
    // Only a statement that spells `__all__` can change it: the others are not walked.
    if (type !== 'expression_statement' || classPath.length > 0 || !node.text.includes('__all__')) continue;
    const expression = node.firstNamedChild;
    if (expression) state = applyStatement(expression, state);
  }
  return state ?? null;
}

function applyStatement(expression: Node, state: AllState): AllState {
  if (expression.type === 'assignment') return applyAssignment(expression, state);
  if (expression.type === 'augmented_assignment' && isAll(expression.childForFieldName('left'))) {
    if (expression.childForFieldName('operator')?.type !== '+=') return null;
    return extend(state, literalNames(expression.childForFieldName('right')));
  }
  if (expression.type === 'call') return applyMethodCall(expression, state);
  return state;
}

/** `__all__.append("x")`, `__all__.extend(["x", …])`; any other method called on `__all__` leaves it unknown. */
function applyMethodCall(call: Node, state: AllState): AllState {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || !isAll(callee.childForFieldName('object'))) return state;
  const method = callee.childForFieldName('attribute')?.text;
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg) => arg.type !== 'comment');
  if (args.length !== 1) return null;
  if (method === 'append') {
    const name = readStrConstant(args[0] as Node);
    return extend(state, name ? new Set([name.value]) : null);
  }
  if (method === 'extend') return extend(state, literalNames(args[0] as Node));
  return null;
}

const UNPACKING = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list']);

/**
 * `__all__ = [...]`, also chained (`__all__ = _names = [...]`, where tree-sitter nests the assignments to the right).
 * Unpacking into `__all__` (`__all__, x = ...`) is not a literal list: unknown.
 */
function applyAssignment(assignment: Node, state: AllState): AllState {
  const targets: Node[] = [];
  let value: Node | null = assignment;
  while (value?.type === 'assignment') {
    const left = value.childForFieldName('left');
    if (left) targets.push(left);
    // `__all__: list[str]` alone declares a type and assigns nothing.
    value = value.childForFieldName('right');
  }
  if (targets.some(isAll)) return value ? literalNames(value) : state;
  if (targets.some((target) => UNPACKING.has(target.type) && target.descendantsOfType('identifier').some(isAll))) return null;
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
