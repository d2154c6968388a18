import type { Node } from 'web-tree-sitter';
import {
  EXECUTE_METHODS,
  isDmlConstructor,
  isDmlSql,
  isInertCallee,
  isReadOnlyName,
  isSessionMaker,
  isWriteMethod,
  isSessionAnnotation,
  SESSION_NAMES,
} from '../suggest/vocabulary.js';
import type { BodyEvent, BodyFacts } from '../types.js';

/** Receivers whose `.add`/`.flush` never touch a database, whatever they are bound to. */
const CONTAINER_LITERALS = new Set([
  'set', 'list', 'dictionary', 'set_comprehension', 'list_comprehension', 'dictionary_comprehension',
]);
/** Constructors whose results are containers, not sessions. */
const CONTAINER_CALLS = new Set([
  'set', 'list', 'dict', 'frozenset', 'defaultdict', 'Counter', 'OrderedDict', 'deque',
]);
const STANDARD_STREAMS = new Set(['sys.stdout', 'sys.stderr']);
const MAX_TEXT = 60;

/**
 * The write operations and session hand-offs in a function body, in source
 * order (SPEC §2). `fn` is a `function_definition` node; nested functions,
 * lambdas and classes are part of it (the `_impl(sess)` idiom), so their
 * parameters and bodies count as the function's own.
 *
 * The walk uses an explicit stack: bodies can nest hundreds of levels deep.
 * Every call gives at most one event, and a write wins over a hand-off, so
 * `repo.delete(item, session=session)` is one write, not two events.
 */
export function collectBodyFacts(fn: Node, source: string): BodyFacts {
  const calls: Node[] = [];
  const binders: Node[] = [];
  const stack: Node[] = [fn];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'call') calls.push(node);
    else if (BINDERS.has(node.type)) binders.push(node);
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  const names = bindNames(binders, source);
  const events: Array<{ call: Node; event: BodyEvent }> = [];
  for (const call of calls) {
    const event = describeCall(call, names, source);
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

/** Node types that bind names `bindNames` cares about. */
const BINDERS = new Set([
  'function_definition', 'lambda', 'class_definition', 'with_item', 'assignment',
]);

/** What the names used in one function body (nested helpers included) stand for. */
interface NameBindings {
  /**
   * Session variables beyond the conventional `session`/`sess`/`db_session`:
   * parameters annotated `…Session`, and `x` in `with session_scope() as x`
   * (any context whose callee mentions "session"). One set for the whole
   * function: nested helpers usually receive the outer session.
   */
  sessions: Set<string>;
  /** Functions, lambdas and classes defined here: calling them hands nothing on. */
  local: Set<string>;
  /** Names bound to a container or an `open()` file: their `.add`/`.flush` are not database writes. */
  notDatabase: Set<string>;
  /**
   * Names bound to what looks like an INSERT/UPDATE/DELETE statement, with
   * the ids of the calls that build it, for `session.execute(stmt)`.
   */
  dml: Map<string, number[]>;
  /**
   * Ids of the calls that build an executed statement: `table.delete()` in
   * `session.execute(table.delete().where(…))` is part of one write, not a
   * second. A statement never executed (`n = repo.delete(x)`) keeps its write.
   */
  statementParts: Set<number>;
}

/** Read the bindings in source order, so `stmt = stmt.values(…)` keeps what `stmt` was. */
function bindNames(binders: Node[], source: string): NameBindings {
  const names: NameBindings = {
    sessions: new Set(), local: new Set(), notDatabase: new Set(), dml: new Map(),
    statementParts: new Set(),
  };
  for (const node of binders) {
    if (node.type === 'function_definition' || node.type === 'class_definition') {
      const name = node.childForFieldName('name')?.text;
      if (name) names.local.add(name);
    }
    if (node.type === 'function_definition' || node.type === 'lambda') {
      for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) {
        const name = sessionParameter(param, source);
        if (name) names.sessions.add(name);
      }
    } else if (node.type === 'with_item') {
      bindWithTarget(node, names, source);
    } else if (node.type === 'assignment') {
      bindAssignment(node, names);
    }
  }
  return names;
}

/** The parameter's name when it is a session: conventional name or a `…Session` annotation. */
function sessionParameter(param: Node, source: string): string | undefined {
  const name = param.type === 'identifier'
    ? param
    : param.type === 'typed_parameter'
      ? param.firstNamedChild
      : param.childForFieldName('name');
  if (name?.type !== 'identifier') return undefined;
  const annotation = param.childForFieldName('type');
  const annotated = annotation !== null && isSessionAnnotation(textOf(annotation, source));
  return SESSION_NAMES.has(name.text) || annotated ? name.text : undefined;
}

/** `with session_scope() as s`, `async with Session() as s`, `with open(p) as f`. */
function bindWithTarget(item: Node, names: NameBindings, source: string): void {
  const value = item.childForFieldName('value');
  if (value?.type !== 'as_pattern') return;
  const target = value.childForFieldName('alias')?.firstNamedChild;
  const context = value.firstNamedChild;
  if (target?.type !== 'identifier' || !context) return;
  const maker = context.type === 'call' ? context.childForFieldName('function') : context;
  const makerText = maker ? textOf(maker, source).replace(/\s+/g, '') : '';
  if (/session/i.test(makerText)) names.sessions.add(target.text);
  if (makerText === 'open') names.notDatabase.add(target.text);
}

/** `seen = set()`, `helper = lambda s: …`, `stmt = insert(User).values(…)`. */
function bindAssignment(assignment: Node, names: NameBindings): void {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return;
  const maker = right.type === 'call' ? right.childForFieldName('function') : null;
  if (
    CONTAINER_LITERALS.has(right.type) ||
    (maker?.type === 'identifier' && CONTAINER_CALLS.has(maker.text))
  ) {
    names.notDatabase.add(left.text);
  } else if (right.type === 'lambda') {
    names.local.add(left.text);
  } else {
    const parts: number[] = [];
    if (walkStatement(right, names, parts)) names.dml.set(left.text, parts);
  }
}

function describeCall(call: Node, names: NameBindings, source: string): BodyEvent | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const calleeText = textOf(callee, source).replace(/\s+/g, '');
  const argumentList = call.childForFieldName('arguments');
  const args = argumentList?.type === 'argument_list'
    ? argumentList.namedChildren.filter((arg) => arg.type !== 'comment')
    : [];
  const event = { callee: calleeText, text: oneLine(textOf(call, source)), line: call.startPosition.row + 1 };
  if (isWrite(callee, args, names, source)) return { kind: 'write', ...event, readOnly: false };
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
function isWrite(callee: Node, args: Node[], names: NameBindings, source: string): boolean {
  if (callee.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const receiver = callee.childForFieldName('object');
  if (!receiver || isNotDatabase(receiver, names, source)) return false;
  if (isWriteMethod(method)) return true;
  if (method === 'update') {
    return receiver.type === 'call' && receiver.childForFieldName('function')?.type === 'attribute';
  }
  const first = args[0];
  return EXECUTE_METHODS.has(method) && first !== undefined && isExecutedStatement(argumentValue(first), names);
}

function isNotDatabase(receiver: Node, names: NameBindings, source: string): boolean {
  if (CONTAINER_LITERALS.has(receiver.type)) return true;
  if (receiver.type === 'identifier') return names.notDatabase.has(receiver.text);
  return STANDARD_STREAMS.has(textOf(receiver, source).replace(/\s+/g, ''));
}

/**
 * The argument of an `execute` is an INSERT/UPDATE/DELETE statement. When it
 * is, the calls that build it are marked as part of this one write.
 */
function isExecutedStatement(start: Node | null, names: NameBindings): boolean {
  const parts: number[] = [];
  const found = walkStatement(start, names, parts);
  if (found) for (const id of parts) names.statementParts.add(id);
  return found;
}

/**
 * `insert(User).values(…)`, `User.__table__.delete()`, `text("UPDATE …")`,
 * `"DELETE FROM …"`, or a name bound to one of those; collects the ids of
 * the calls on the way.
 */
function walkStatement(start: Node | null, names: NameBindings, parts: number[]): boolean {
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

/**
 * A call that passes the session to something other than the session itself,
 * a session factory, a helper defined in this function, or an inert builtin.
 */
function handsOnSession(callee: Node, calleeText: string, args: Node[], names: NameBindings): boolean {
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
function isSessionValue(node: Node, names: NameBindings): boolean {
  if (node.type === 'identifier') return SESSION_NAMES.has(node.text) || names.sessions.has(node.text);
  if (node.type !== 'attribute') return false;
  const owner = node.childForFieldName('object')?.text;
  const name = node.childForFieldName('attribute')?.text ?? '';
  return (owner === 'self' || owner === 'cls') && SESSION_NAMES.has(name.replace(/^_/, ''));
}

/** `session.query(U).filter(…).all`, `self.session.get`: a method of the session itself. */
function isOnSession(callee: Node, names: NameBindings): boolean {
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

function argumentValue(arg: Node): Node | null {
  return arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
}

/** A node's source without its comments, which would read as code once lines are joined. */
export function textOf(node: Node, source: string): string {
  let text = '';
  let at = node.startIndex;
  for (const comment of node.descendantsOfType('comment')) {
    text += source.slice(at, comment.startIndex);
    at = comment.endIndex;
  }
  return text + source.slice(at, node.endIndex);
}

/** `foo(\n  a,\n  b,\n)` → `foo(a, b)`, shortened to about 60 characters. */
export function oneLine(text: string): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/, ([)\]}])/g, '$1')
    .replace(/([([{]) /g, '$1')
    .replace(/ ([)\]}])/g, '$1');
  return flat.length <= MAX_TEXT ? flat : `${flat.slice(0, MAX_TEXT - 1).trimEnd()}…`;
}
