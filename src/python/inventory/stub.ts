import type { Node } from 'web-tree-sitter';

/**
 * Whether a decorator marks a definition that is never checked (docs/rules.md): `@overload` in any spelling
 * (`typing.overload`, `typing_extensions.overload`, `t.overload`), or a property setter or deleter.
 * A `@property` getter is not a stub: it is the public face of the property.
 */
export function isStubDecorator(decorator: Node): boolean {
  let expression = decorator.namedChildren.find((child) => child.type !== 'comment');
  // `@(overload)`: parentheses leave the expression as it is (PEP 614).
  while (expression?.type === 'parenthesized_expression') {
    expression = expression.namedChildren.find((child) => child.type !== 'comment');
  }
  if (!expression) return false;
  if (expression.type === 'identifier') return expression.text === 'overload';
  if (expression.type !== 'attribute') return false;
  const member = expression.childForFieldName('attribute')?.text ?? '';
  // `@x.setter` / `@x.deleter`: the property's getter carries the docstring.
  return member === 'overload' || member === 'setter' || member === 'deleter';
}
