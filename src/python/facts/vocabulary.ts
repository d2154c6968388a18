import type { Pattern } from '../../types.js';

/** The words the analysis listens for (docs/suggestion.md), in one place: tuning it needs no hunt through tree walks. */

/** Methods that change database state whatever object they are called on. */
const WRITE_METHODS = new Set(['add', 'add_all', 'delete', 'merge']);

/** Transaction control: not a step of its own (`session.add(x); session.flush()` is one step). */
export const CONTROL_METHODS = new Set(['flush', 'commit', 'refresh', 'rollback', 'expire', 'expire_all', 'expunge', 'expunge_all', 'close', 'begin', 'begin_nested']);

/** Methods that run a statement; a write when the statement is INSERT/UPDATE/DELETE. */
export const EXECUTE_METHODS = new Set(['execute', 'exec', 'executemany']);

/** Variable and keyword names that mean "the session" by convention alone; `db`, `s` need a `…Session` annotation. */
export const SESSION_NAMES = new Set(['session', 'sess', 'db_session']);

const READ_ONLY_PREFIXES = ['get_', 'list_', 'search_', 'export_', 'validate_', 'find_', 'fetch_', 'count_', 'load_', 'read_', 'is_', 'has_', 'check_', 'calculate_', 'compute_'];

/** Name leans, consulted only when a body gives no evidence at all. */
const NAME_LEANS: ReadonlyArray<readonly [Pattern, readonly string[]]> = [
  ['A', ['get_', 'list_', 'search_', 'export_', 'validate_']],
  ['B', ['create_', 'update_', 'set_', 'add_', 'delete_', 'remove_']],
  ['C', ['import_', 'sync_', 'record_', 'process_']],
];

/** Callees that take a session as a plain value: `isinstance(session, Session)` hands nothing on. */
const INERT_CALLEES = new Set(['isinstance', 'issubclass', 'getattr', 'setattr', 'hasattr', 'delattr', 'id', 'type', 'repr', 'str', 'print', 'len', 'callable', 'cast', 'typing.cast', 'vars', 'dir']);
const LOGGER_CALL = /(?:^|\.)_?(?:log|logger|logging)\.\w+$/i;

/** `add`, `merge`, `bulk_save_objects` …: a write on any receiver not known to be a container. */
export function isWriteMethod(name: string): boolean {
  return WRITE_METHODS.has(name) || name.startsWith('bulk_');
}

/** The last dotted part of a callee: `orders.create_order` → `create_order`. */
export function lastPart(callee: string): string {
  return callee.slice(callee.lastIndexOf('.') + 1);
}

/** A callee whose name says it only reads (`get_user`, `repo.list_orders`). */
export function isReadOnlyName(callee: string): boolean {
  const name = lastPart(callee).replace(/^_+/, '');
  return READ_ONLY_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The pattern a function's name leans to. */
export function nameLean(functionName: string): Pattern | undefined {
  const name = lastPart(functionName).replace(/^_+/, '');
  return NAME_LEANS.find(([, prefixes]) => prefixes.some((p) => name.startsWith(p)))?.[0];
}

/** `session_scope(...)`, `Session(...)`, `AsyncSession(...)`: making a session is not handing one on. */
export function isSessionMaker(callee: string): boolean {
  const name = lastPart(callee);
  return name === 'session_scope' || name.endsWith('Session');
}

/** Builtins, logging and dunders: they may receive the session without acting on it. */
export function isInertCallee(callee: string): boolean {
  const name = lastPart(callee);
  return INERT_CALLEES.has(callee) || LOGGER_CALL.test(callee) || /^__\w+__$/.test(name);
}

/** `insert(...)`, `table.update()`, `pg_insert(...)`: SQLAlchemy DML constructors. */
export function isDmlConstructor(name: string): boolean {
  return name === 'update' || name === 'delete' || /^(?:[a-z]+_)?insert$/.test(name);
}

/** A Python string literal (prefix and quotes included) whose SQL starts with INSERT/UPDATE/DELETE. */
export function isDmlSql(literal: string): boolean {
  const body = literal.replace(/^[rRbBuUfF]*(?:"""|'''|"|')/, '').trimStart();
  return /^(?:insert|update|delete)\b/i.test(body);
}

/**
 * Whether a parameter annotation names a session type: `Session`, `orm.Session`, `"AsyncSession"`, `Optional[Session]`,
 * `Session | None`, `Annotated[Session, Depends(get_db)]`. `Callable[[Session], T]` does not.
 */
export function isSessionAnnotation(annotation: string): boolean {
  return namesSession(annotation.replace(/["'\s]/g, ''));
}

function namesSession(type: string): boolean {
  const alternatives = splitTopLevel(type, '|');
  if (alternatives.length > 1) return alternatives.some(namesSession);
  const wrapper = /^(?:typing\.)?(Optional|Union|Annotated)\[(.*)\]$/.exec(type);
  if (!wrapper) return /^(?:\w+\.)*\w*Session$/.test(type);
  const args = splitTopLevel(wrapper[2] ?? '', ',');
  return (wrapper[1] === 'Annotated' ? args.slice(0, 1) : args).some(namesSession);
}

/** Split on `separator` where it is not inside brackets or parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
