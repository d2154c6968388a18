import type { SyntaxNode } from './syntax-node.js';
import { isSessionAnnotation, SESSION_NAMES } from '../effects/vocabulary.js';
import type { TypedNode } from './body-nodes.js';
import type { CodeText } from './code-text.js';
import { walkStatement } from './dml-statement.js';

/** Receivers whose `.add`/`.flush` never touch a database, whatever they are bound to. */
export const CONTAINER_LITERALS: ReadonlySet<string> = new Set([
  'set', 'list', 'dictionary', 'set_comprehension', 'list_comprehension', 'dictionary_comprehension',
]);
/** Constructors whose results are containers, not sessions. */
const CONTAINER_CALLS = new Set([
  'set', 'list', 'dict', 'frozenset', 'defaultdict', 'Counter', 'OrderedDict', 'deque',
]);

/** What the names used in one function body (nested helpers included) stand for. */
export interface NameBindings {
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

/**
 * Read the bindings of a function body (the function itself included) in
 * source order, so `stmt = stmt.values(…)` keeps what `stmt` was.
 * `binders` may hold nodes of other types; they are skipped.
 */
export function bindNames(binders: readonly TypedNode[], code: CodeText): NameBindings {
  const names: NameBindings = {
    sessions: new Set(), local: new Set(), notDatabase: new Set(), dml: new Map(),
    statementParts: new Set(),
  };
  for (const { node, type } of binders) {
    if (type === 'function_definition' || type === 'class_definition') {
      const name = node.childForFieldName('name')?.text;
      if (name) names.local.add(name);
    }
    if (type === 'function_definition' || type === 'lambda') {
      for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) {
        const name = sessionParameter(param, code);
        if (name) names.sessions.add(name);
      }
    } else if (type === 'with_item') {
      bindWithTarget(node, names, code);
    } else if (type === 'assignment') {
      bindAssignment(node, names);
    }
  }
  return names;
}

/** The parameter's name when it is a session: conventional name or a `…Session` annotation. */
function sessionParameter(param: SyntaxNode, code: CodeText): string | undefined {
  const name = param.type === 'identifier'
    ? param
    : param.type === 'typed_parameter'
      ? param.firstNamedChild
      : param.childForFieldName('name');
  if (name?.type !== 'identifier') return undefined;
  const annotation = param.childForFieldName('type');
  const annotated = annotation !== null && isSessionAnnotation(code.of(annotation));
  return SESSION_NAMES.has(name.text) || annotated ? name.text : undefined;
}

/** `with session_scope() as s`, `async with Session() as s`, `with open(p) as f`. */
function bindWithTarget(item: SyntaxNode, names: NameBindings, code: CodeText): void {
  const value = item.childForFieldName('value');
  if (value?.type !== 'as_pattern') return;
  const target = value.childForFieldName('alias')?.firstNamedChild;
  const context = value.firstNamedChild;
  if (target?.type !== 'identifier' || !context) return;
  const maker = context.type === 'call' ? context.childForFieldName('function') : context;
  const makerText = maker ? code.of(maker).replace(/\s+/g, '') : '';
  if (/session/i.test(makerText)) names.sessions.add(target.text);
  if (makerText === 'open') names.notDatabase.add(target.text);
}

/** `seen = set()`, `helper = lambda s: …`, `stmt = insert(User).values(…)`. */
function bindAssignment(assignment: SyntaxNode, names: NameBindings): void {
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
