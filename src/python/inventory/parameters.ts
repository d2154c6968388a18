import type { SyntaxNode } from '../tree/syntax-node.js';
import type { SessionParameter } from '../../session-types.js';
import { isSessionAnnotation, SESSION_NAMES } from '../facts/vocabulary.js';

/**
 * The parameter of a `def` (or `lambda`) through which it receives a
 * session: one named `session`/`sess`/`db_session` or annotated `…Session`,
 * the same vocabulary the suggestion uses. `skipFirst` drops `self`/`cls`
 * of a method, which a caller never passes.
 *
 *     def record(order, amount, *, session=None)   → { name: 'session', position: null }
 *     def _impl(sess)                               → { name: 'sess', position: 0 }
 */
export function sessionParameterOf(fn: SyntaxNode, source: string, skipFirst = false): SessionParameter | null {
  const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
  let position = 0;
  let keywordOnly = false;
  let skipped = !skipFirst;
  for (const param of params) {
    const type = param.type;
    if (type === 'list_splat_pattern' || type === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    if (type === 'dictionary_splat_pattern' || type === 'positional_separator' || type === 'comment') continue;
    if (!skipped) {
      skipped = true;
      continue;
    }
    const name = parameterName(param, type);
    if (name !== undefined && isSessionParameter(param, name, source)) {
      return { name, position: keywordOnly ? null : position };
    }
    if (!keywordOnly) position++;
  }
  return null;
}

/** `x`, `x: T`, `x=1`, `x: T = 1`; undefined for patterns it cannot name. */
function parameterName(param: SyntaxNode, type: string): string | undefined {
  if (type === 'identifier') return param.text;
  const node = type === 'typed_parameter' ? param.firstNamedChild : param.childForFieldName('name');
  return node?.type === 'identifier' ? node.text : undefined;
}

function isSessionParameter(param: SyntaxNode, name: string, source: string): boolean {
  if (SESSION_NAMES.has(name)) return true;
  const annotation = param.childForFieldName('type');
  return annotation !== null && isSessionAnnotation(source.slice(annotation.startIndex, annotation.endIndex));
}
