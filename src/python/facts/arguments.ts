import type { SyntaxNode } from '../tree/syntax-node.js';

/** The arguments of a call, comments left out; a lone generator (`f(x for x in xs)`) counts as none. */
export function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  return list?.type === 'argument_list' ? list.namedChildren.filter((arg) => arg.type !== 'comment') : [];
}

/** The value an argument passes: `x` for `x` and for `key=x`. */
export function argumentValue(arg: SyntaxNode): SyntaxNode | null {
  return arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
}
