import { SESSION_NAMES } from './vocabulary.js';
import type { NameBindings } from './name-bindings.js';
import type { SyntaxNode } from '../tree/syntax-node.js';

/**
 * A session variable (`session`, `s` bound by `with session_scope() as s`, a parameter annotated `…Session`), or the
 * session an object keeps (`self.session`, `cls._session`). Other attributes stay out: `request.session` is a web
 * session, not a database one.
 */
export function isSessionValue(node: SyntaxNode | null, names: NameBindings): boolean {
  if (node?.type === 'identifier') return SESSION_NAMES.has(node.text) || names.sessions.has(node.text);
  if (node?.type !== 'attribute') return false;
  const owner = node.childForFieldName('object')?.text;
  const name = node.childForFieldName('attribute')?.text ?? '';
  return (owner === 'self' || owner === 'cls') && SESSION_NAMES.has(name.replace(/^_/, ''));
}

/** An argument that hands a session on: a session value in any position, or a `session=`-style keyword with any value but None. */
export function passesSession(arg: SyntaxNode, names: NameBindings): boolean {
  if (arg.type !== 'keyword_argument') return isSessionValue(arg, names);
  const value = arg.childForFieldName('value');
  if (!value || value.type === 'none') return false;
  return SESSION_NAMES.has(arg.childForFieldName('name')?.text ?? '') || isSessionValue(value, names);
}
