import type { SyntaxNode } from '../tree/syntax-node.js';
import { isDmlConstructor, isDmlSql } from './vocabulary.js';
import type { NameBindings } from './name-bindings.js';
import { argumentValue } from './arguments.js';

/**
 * The argument of an `execute` is an INSERT/UPDATE/DELETE statement. When it
 * is, the calls that build it are marked as part of this one write.
 */
export function isExecutedStatement(start: SyntaxNode | null, names: NameBindings): boolean {
  const parts: number[] = [];
  const found = walkStatement(start, names, parts);
  if (found) for (const id of parts) names.statementParts.add(id);
  return found;
}

/**
 * `insert(User).values(…)`, `User.__table__.delete()`, `text("UPDATE …")`, `"DELETE FROM …"`, or a name bound to one
 * of those; collects the ids of the calls on the way.
 */
export function walkStatement(start: SyntaxNode | null, names: NameBindings, parts: number[]): boolean {
  for (let node = start; node !== null; ) {
    if (node.type === 'string' || node.type === 'concatenated_string') return isDmlSql(node.text);
    if (node.type === 'identifier') {
      parts.push(...(names.dml.get(node.text) ?? []));
      return names.dml.has(node.text);
    }
    if (node.type === 'parenthesized_expression') {
      node = node.firstNamedChild;
      continue;
    }
    if (node.type !== 'call') return false;
    parts.push(node.id);
    const callee = node.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    if (name === undefined) return false;
    if (isDmlConstructor(name)) return true;
    if (name === 'text') {
      const first = node.childForFieldName('arguments')?.firstNamedChild ?? null;
      node = first && argumentValue(first);
    } else if (callee?.type === 'attribute') {
      node = callee.childForFieldName('object'); // a chain: `.values(…)`, `.where(…)`
    } else {
      return false;
    }
  }
  return false;
}
