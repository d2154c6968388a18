import type { Node } from 'web-tree-sitter';
import type { Docstring } from '../../types.js';
import type { SourceLines } from '../source/source-lines.js';
import { readStrConstant } from './string-literal.js';

/**
 * The docstring of a function whose first body statement is `statement`
 * (docs/rules.md): an expression statement made of one `str` constant, possibly in
 * redundant parentheses (`("doc")`) or implicitly concatenated. Bytes,
 * f-strings and tuples (`"a", "b"`) are not docstrings, as in Python.
 *
 * `bodyIndent` stands in for the indentation when the literal does not open
 * its line (`def f(): "doc"`).
 */
export function findDocstring(statement: Node | undefined, lines: SourceLines, bodyIndent: string): Docstring | null {
  if (statement?.type !== 'expression_statement') return null;
  let literal = onlyChild(statement);
  while (literal?.type === 'parenthesized_expression') literal = onlyChild(literal);
  if (literal?.type !== 'string' && literal?.type !== 'concatenated_string') return null;
  const constant = readStrConstant(literal);
  if (!constant) return null;
  const { row, column } = statement.startPosition;
  const before = lines.text(row).slice(0, column);
  return {
    value: constant.value,
    range: { start: literal.startPosition.row + 1, end: literal.endPosition.row + 1 },
    indent: /^[ \t\f]*$/.test(before) ? before : bodyIndent,
    opening: constant.opening,
  };
}

function onlyChild(node: Node): Node | undefined {
  const children = node.namedChildren.filter((child) => child.type !== 'comment');
  return children.length === 1 ? children[0] : undefined;
}
