import type { Node } from 'web-tree-sitter';
import {
  EXECUTE_METHODS,
  isInertCallee,
  isReadOnlyName,
  isSessionMaker,
  isWriteMethod,
  SESSION_NAMES,
} from '../suggest/vocabulary.js';
import type { BodyEvent, BodyFacts } from '../types.js';
import { type BodyNodes, findBodyNodes } from './body-nodes.js';
import { type CodeText, oneLine } from './code-text.js';
import { argumentValue, isExecutedStatement } from './dml-statement.js';
import { bindNames, CONTAINER_LITERALS, type NameBindings } from './name-bindings.js';
import type { SyntaxNode } from './syntax-node.js';

const STANDARD_STREAMS = new Set(['sys.stdout', 'sys.stderr']);

/**
 * The write operations and session hand-offs in a function body, in source
 * order (SPEC §2). `fn` is a `function_definition` node; nested functions,
 * lambdas and classes are part of it (the `_impl(sess)` idiom), so their
 * parameters and bodies count as the function's own.
 *
 * Every call gives at most one event, and a write wins over a hand-off, so
 * `repo.delete(item, session=session)` is one write, not two events.
 * `nodes` (found once, shared with the session facts) defaults to a fresh search.
 */
export function collectBodyFacts(fn: Node, source: string, nodes: BodyNodes = findBodyNodes(fn, source)): BodyFacts {
  const names = bindNames(nodes.others, nodes.code);
  const events: Array<{ call: SyntaxNode; event: BodyEvent }> = [];
  for (const call of nodes.calls) {
    const event = describeCall(call, names, nodes.code);
    if (event) events.push({ call, event });
  }
  // Only now is it known which calls merely build an executed statement.
  return {
    events: events
      .filter(({ call }) => !names.statementParts.has(call.id))
      .sort((a, b) => a.call.startIndex - b.call.startIndex)
      .map(({ event }) => event),
  };
}

function describeCall(call: SyntaxNode, names: NameBindings, code: CodeText): BodyEvent | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const calleeText = code.of(callee).replace(/\s+/g, '');
  const argumentList = call.childForFieldName('arguments');
  const args = argumentList?.type === 'argument_list'
    ? argumentList.namedChildren.filter((arg) => arg.type !== 'comment')
    : [];
  const event = { callee: calleeText, text: oneLine(code.of(call)), line: call.startPosition.row + 1 };
  if (isWrite(callee, args, names, code)) return { kind: 'write', ...event, readOnly: false };
  if (handsOnSession(callee, calleeText, args, names)) {
    return { kind: 'session-call', ...event, readOnly: isReadOnlyName(calleeText) };
  }
  return undefined;
}

/**
 * `x.add(…)` and friends on any receiver not known to be a container;
 * `.update(…)` only on a method chain (`session.query(U).filter(…).update`,
 * never `mydict.update`); `.execute(…)` of an INSERT/UPDATE/DELETE statement.
 */
function isWrite(callee: SyntaxNode, args: SyntaxNode[], names: NameBindings, code: CodeText): boolean {
  if (callee.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const receiver = callee.childForFieldName('object');
  if (!receiver || isNotDatabase(receiver, names, code)) return false;
  if (isWriteMethod(method)) return true;
  if (method === 'update') {
    return receiver.type === 'call' && receiver.childForFieldName('function')?.type === 'attribute';
  }
  const first = args[0];
  return EXECUTE_METHODS.has(method) && first !== undefined && isExecutedStatement(argumentValue(first), names);
}

function isNotDatabase(receiver: SyntaxNode, names: NameBindings, code: CodeText): boolean {
  if (CONTAINER_LITERALS.has(receiver.type)) return true;
  if (receiver.type === 'identifier') return names.notDatabase.has(receiver.text);
  return STANDARD_STREAMS.has(code.of(receiver).replace(/\s+/g, ''));
}

/**
 * A call that passes the session to something other than the session itself,
 * a session factory, a helper defined in this function, or an inert builtin.
 */
function handsOnSession(callee: SyntaxNode, calleeText: string, args: SyntaxNode[], names: NameBindings): boolean {
  if (callee.type === 'identifier' && names.local.has(calleeText)) return false;
  if (isSessionMaker(calleeText) || isInertCallee(calleeText)) return false;
  if (isOnSession(callee, names)) return false;
  return args.some((arg) => {
    if (arg.type !== 'keyword_argument') return isSessionValue(arg, names);
    const value = arg.childForFieldName('value');
    if (!value || value.type === 'none') return false;
    const keyword = arg.childForFieldName('name')?.text ?? '';
    return SESSION_NAMES.has(keyword) || isSessionValue(value, names);
  });
}

/**
 * A session variable, or the session an object keeps (`self.session`,
 * `cls._session`). Other attributes stay out: `request.session` is a web
 * session, not a database one.
 */
function isSessionValue(node: SyntaxNode, names: NameBindings): boolean {
  if (node.type === 'identifier') return SESSION_NAMES.has(node.text) || names.sessions.has(node.text);
  if (node.type !== 'attribute') return false;
  const owner = node.childForFieldName('object')?.text;
  const name = node.childForFieldName('attribute')?.text ?? '';
  return (owner === 'self' || owner === 'cls') && SESSION_NAMES.has(name.replace(/^_/, ''));
}

/** `session.query(U).filter(…).all`, `self.session.get`: a method of the session itself. */
function isOnSession(callee: SyntaxNode, names: NameBindings): boolean {
  let node = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
  while (node !== null) {
    if (isSessionValue(node, names)) return true;
    if (node.type === 'attribute') node = node.childForFieldName('object');
    else if (node.type === 'call') node = node.childForFieldName('function');
    else if (node.type === 'subscript') node = node.childForFieldName('value');
    else return false;
  }
  return false;
}
