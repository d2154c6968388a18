import type { SyntaxNode } from '../tree/syntax-node.js';
import { isSessionAnnotation, SESSION_NAMES } from './vocabulary.js';
import type { Binding } from '../../session-types.js';
import type { TypedNode } from '../tree/body-nodes.js';
import type { CodeText } from '../tree/code-text.js';
import { walkStatement } from './dml-statement.js';
import { importBindings } from '../inventory/signatures.js';

/** Receivers whose `.add`/`.flush` never touch a database, whatever they are bound to. */
export const CONTAINER_LITERALS: ReadonlySet<string> = new Set(['set', 'list', 'dictionary', 'set_comprehension', 'list_comprehension', 'dictionary_comprehension']);
/** Constructors whose results are containers, not sessions. */
const CONTAINER_CALLS = new Set(['set', 'list', 'dict', 'frozenset', 'defaultdict', 'Counter', 'OrderedDict', 'deque']);

/**
 * What the names of one function body (nested helpers included) stand for: the one scope model that the flow and
 * the session facts both read. Function-wide, as Python's scoping is.
 */
export interface NameBindings {
  /**
   * Session variables beyond `session`/`sess`/`db_session`: parameters annotated `…Session`, `x` in
   * `with session_scope() as x`. One set for the whole function: nested helpers usually receive the outer session.
   */
  sessions: Set<string>;
  /** Functions, lambdas and classes defined here: calling them runs code of this function. */
  local: Set<string>;
  /** Every name bound here: never a module-level function. */
  assigned: Set<string>;
  /** Imports inside the body, which shadow the module's names; the last one wins. */
  imports: Record<string, Binding>;
  /** Names bound to a container or an `open()` file: their `.add`/`.flush` are not database writes. */
  notDatabase: Set<string>;
  /** Names bound to an INSERT/UPDATE/DELETE statement, with the ids of the calls that build it. */
  dml: Map<string, number[]>;
  /**
   * Ids of the calls that build an executed statement: `table.delete()` in `session.execute(table.delete().where(…))`
   * is part of one write, not a second. A statement never executed (`n = repo.delete(x)`) keeps its write.
   */
  statementParts: Set<number>;
}

/** Read the bindings in source order, so `stmt = stmt.values(…)` keeps what `stmt` was; `binders` of other types are skipped. */
export function bindNames(fn: SyntaxNode, binders: readonly TypedNode[], code: CodeText): NameBindings {
  const names: NameBindings = {
    sessions: new Set(),
    local: new Set(),
    assigned: new Set(),
    imports: Object.create(null),
    notDatabase: new Set(),
    dml: new Map(),
    statementParts: new Set(),
  };
  for (const { node, type } of binders) {
    const isRoot = node.id === fn.id;
    if (!isRoot && (type === 'function_definition' || type === 'class_definition')) {
      const name = node.childForFieldName('name')?.text;
      if (name) {
        names.local.add(name);
        names.assigned.add(name);
      }
    }
    switch (type) {
      case 'function_definition':
      case 'lambda': {
        for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) {
          const name = sessionParameter(param, code);
          if (name) names.sessions.add(name);
          addTargets(param, names.assigned);
        }
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        for (const [name, binding] of importBindings(node)) names.imports[name] = binding;
        break;
      case 'with_item': {
        const target = withTarget(node, code);
        if (target && /session/i.test(target.maker)) names.sessions.add(target.name);
        if (target?.maker === 'open') names.notDatabase.add(target.name);
        break;
      }
      case 'assignment':
        addTargets(node.childForFieldName('left'), names.assigned);
        bindAssignment(node, names);
        break;
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        addTargets(node.childForFieldName('left'), names.assigned);
        break;
      case 'named_expression':
        addTargets(node.childForFieldName('name'), names.assigned);
        break;
      case 'as_pattern':
        addTargets(node.childForFieldName('alias'), names.assigned);
        break;
      default:
    }
  }
  return names;
}

/** Identifiers a target or parameter binds: `a`, `(a, *b)`, `x: int = 1`, `*args`. */
function addTargets(node: SyntaxNode | null, into: Set<string>): void {
  if (!node || node.type === 'attribute' || node.type === 'subscript') return;
  if (node.type === 'identifier') {
    into.add(node.text);
    return;
  }
  const named = node.childForFieldName('name');
  if (named) {
    if (named.type === 'identifier') into.add(named.text);
    return;
  }
  for (const child of node.namedChildren) {
    if (child.type === 'type' || child.type === 'comment') continue;
    addTargets(child, into);
  }
}

/** The parameter's name when it is a session: conventional name or a `…Session` annotation. */
function sessionParameter(param: SyntaxNode, code: CodeText): string | undefined {
  const name = param.type === 'identifier' ? param : param.type === 'typed_parameter' ? param.firstNamedChild : param.childForFieldName('name');
  if (name?.type !== 'identifier') return undefined;
  const annotation = param.childForFieldName('type');
  const annotated = annotation !== null && isSessionAnnotation(code.of(annotation));
  return SESSION_NAMES.has(name.text) || annotated ? name.text : undefined;
}

/**
 * `with session_scope() as s`, `async with Session() as s`, `with open(p) as f`:
 * the name bound and its maker's code without spaces (`session_scope`, `open`).
 */
export function withTarget(item: SyntaxNode, code: CodeText): { name: string; maker: string } | null {
  const value = item.childForFieldName('value');
  if (value?.type !== 'as_pattern') return null;
  const target = value.childForFieldName('alias')?.firstNamedChild;
  const context = value.firstNamedChild;
  if (target?.type !== 'identifier' || !context) return null;
  const maker = context.type === 'call' ? context.childForFieldName('function') : context;
  return { name: target.text, maker: maker ? code.of(maker).replace(/\s+/g, '') : '' };
}

/** `seen = set()`, `helper = lambda s: …`, `stmt = insert(User).values(…)`. */
function bindAssignment(assignment: SyntaxNode, names: NameBindings): void {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return;
  const maker = right.type === 'call' ? right.childForFieldName('function') : null;
  if (CONTAINER_LITERALS.has(right.type) || (maker?.type === 'identifier' && CONTAINER_CALLS.has(maker.text))) {
    names.notDatabase.add(left.text);
  } else if (right.type === 'lambda') {
    names.local.add(left.text);
  } else {
    const parts: number[] = [];
    if (walkStatement(right, names, parts)) names.dml.set(left.text, parts);
  }
}
