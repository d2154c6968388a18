import type { SyntaxNode } from '../tree/syntax-node.js';

/** What a condition says about one name: that it is None, or that it is not. */
export interface NoneTest {
  name: string;
  /** 'none': the condition holds when `name` is None (`x is None`, `not x`). */
  holdsWhen: 'none' | 'present';
}

const IS_NONE = /^([A-Za-z_]\w*) (?:is|==) None$/;
const IS_NOT_NONE = /^([A-Za-z_]\w*) (?:is not|!=) None$/;

/**
 * Reads the guards of the "inherit or open" idiom:
 *
 *     if session is None: …        if not session: …        → holds when session is None
 *     if session is not None: …    if session: …            → holds when it is given
 *
 * Anything else (`if session and x`, `if obj.session is None`) says nothing.
 */
export function readNoneTest(condition: SyntaxNode | null): NoneTest | null {
  let node = condition;
  while (node?.type === 'parenthesized_expression') node = node.firstNamedChild;
  if (!node) return null;
  if (node.type === 'identifier') return { name: node.text, holdsWhen: 'present' };
  if (node.type === 'not_operator') {
    const argument = node.childForFieldName('argument');
    const inner = argument && readNoneTest(argument);
    return inner ? { name: inner.name, holdsWhen: inner.holdsWhen === 'none' ? 'present' : 'none' } : null;
  }
  if (node.type !== 'comparison_operator') return null;
  const text = node.text.replace(/\s+/g, ' ').trim();
  const none = IS_NONE.exec(text);
  if (none?.[1]) return { name: none[1], holdsWhen: 'none' };
  const present = IS_NOT_NONE.exec(text);
  return present?.[1] ? { name: present[1], holdsWhen: 'present' } : null;
}

/** A block whose last statement returns or raises: nothing after the `if` runs when it was entered. */
export function alwaysLeaves(block: SyntaxNode | null): boolean {
  const statements = block?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
  const last = statements[statements.length - 1];
  return last?.type === 'return_statement' || last?.type === 'raise_statement';
}
