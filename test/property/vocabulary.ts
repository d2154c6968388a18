/**
 * The words the generators draw from: names, statements, decorators,
 * comments and docstring lines of a SQLAlchemy-style service layer, plus the
 * look-alikes and corner cases docs/rules.md has to decide (empty headers, `Word:`
 * lines, escapes, suppression comments that must not suppress).
 *
 * No text here may contain a quote character: docstring lines are pasted
 * between quotes by the renderer.
 */

export const PUBLIC_FUNCTION_NAMES = [
  'get_user',
  'list_orders',
  'search_users',
  'export_report',
  'validate_payload',
  'create_order',
  'update_user',
  'set_status',
  'import_rows',
  'sync_accounts',
  'record_event',
  'process_payment',
  'delete_item',
  'archive_order',
  'compute_total',
  'fetch_invoice',
  'handle',
  'run',
] as const;

export const PRIVATE_FUNCTION_NAMES = ['_helper', '_load', '_apply_changes', '__private_sync', '_'] as const;
export const DUNDER_NAMES = ['__init__', '__repr__', '__call__', '__enter__'] as const;
/** Non-ASCII identifiers (NFKC-stable, so CPython keeps them as written; all within Latin-1). */
export const UNICODE_NAMES = ['créer_compte', 'naïve_total', 'über_sync'] as const;
/** CPython NFKC-normalises identifiers: this one is `find_user` to `ast` (and to `__all__` lookups). */
export const NFKC_NAMES = ['\ufb01nd_user'] as const;

export const CLASS_NAMES = ['UserService', 'OrderRepository', 'Billing', 'Accounts', 'Meta', 'Config', 'Handlers', '_InternalService', '_Cache', 'Ünits'] as const;

export const CLASS_BASES = ['', 'BaseService', 'Base, metaclass=ABCMeta', 'Generic[T]', 'object', 'Protocol'] as const;

/** Parameter names that never collide with `self`, `cls` or each other within one list. */
export const PARAM_NAMES = ['session', 'db', 'user_id', 'order', 'items', 'payload', 'account_id', 'event', 'limit', 'dry_run', 'session: Session', 'order_id: int'] as const;
export const DEFAULT_PARAMS = ['session: Session | None = None', 'commit=True', 'batch_size: int = 100', 'timeout=30', 'options=None', 'label="# noqa: TXB001"'] as const;
export const KWONLY_PARAMS = ['strict=False', 'actor: str | None = None', 'now=None'] as const;
export const RETURN_ANNOTATIONS = ['None', 'User', 'list[Order]', '"Order | None"', 'dict[str, int]', 'Iterator[Row]'] as const;

/** Body statements; `S` is replaced with the session variable. */
export const WRITE_LINES = [
  'S.add(obj)',
  'S.add_all(items)',
  'S.delete(obj)',
  'S.merge(obj)',
  'S.flush()',
  'S.commit()',
  'S.bulk_save_objects(items)',
  'S.query(User).filter_by(id=user_id).update({"active": False})',
  'S.query(Order).filter(Order.id == order_id).delete()',
  'S.execute(insert(Event).values(name=name))',
  'S.execute(update(User).where(User.id == user_id).values(active=True))',
  'S.execute(delete(Order).where(Order.id == 1))',
] as const;

export const READ_LINES = [
  'user = S.get(User, user_id)',
  'rows = S.execute(select(User)).scalars().all()',
  'result = S.query(Order).all()',
  'total = sum(o.amount for o in orders)',
  'logger.info("processing %s", user_id)',
  'value = compute(x)',
  'return result',
  'return None',
  'pass',
  '...',
  'raise ValueError("bad input")',
  'obj.status = "done"',
  'items = [i for i in items if i]',
  'label = "def not_a_function(): pass"',
  'text = """Transaction boundary: in a string, not a docstring"""',
  'x = 1  # noqa: TXB001',
  '# a comment inside the body',
  'yield row',
  '__all__ = []',
  'x = 1; session.flush()',
] as const;

export const CALL_LINES = [
  'other_service(session=S)',
  'audit.record(S, event)',
  'create_order(S, order)',
  'notify(user_id)',
  'return run_in_session(_impl, S)',
  'ledger.post(entry, session=S)',
] as const;

/** Statements that span several physical lines (continuations are indented one unit). */
export const MULTILINE_LINES = [
  'result = S.execute(\nselect(User).where(User.id == user_id)\n)',
  'S.add(\nOrder(\nuser_id=user_id,\n)\n)',
  'message = (\n"line one "\n"line two"\n)',
  'return {\n"id": obj.id,\n"status": obj.status,\n}',
  'total = price + \\\ntax',
] as const;

export const BLOCK_HEADERS = [['with session_scope() as S'], ['if obj is None', 'else'], ['for item in items'], ['try', 'except IntegrityError'], ['try', 'finally'], ['while retries']] as const;

export const TOP_DECORATORS = [
  'overload',
  'typing.overload',
  'overload()',
  'app.route("/orders")',
  'retry(times=3)',
  'transactional',
  'functools.cache',
  'some.decorator(arg)',
  'contextmanager',
  'app.route(\n"/orders",\nmethods=["POST"],\n)',
  'NAME.setter',
  'typing_extensions.overload',
  '(overload)',
  '(\nsome.decorator(arg)\n)',
  'functools.singledispatch',
] as const;

export const METHOD_DECORATORS = [
  'staticmethod',
  'classmethod',
  'property',
  'NAME.setter',
  'NAME.deleter',
  'value.setter',
  'overload',
  'typing.overload',
  'abc.abstractmethod',
  'cached_property',
  'some.decorator(arg)',
  'x.y.setter',
  'NAME.getter',
  '(\nproperty\n)',
] as const;

/** Comments for the `def` line: some suppress, some look like they do and must not. */
export const DEF_COMMENTS = [
  '# noqa: TXB001',
  '# noqa: TXB002',
  '# noqa: TXB003',
  '# noqa: TXB001, TXB002',
  '# noqa:TXB001,TXB003',
  '# NOQA: txb001',
  '# noqa',
  '# noqa: E501',
  '# noqa: TXB0011',
  '# txboundary: ignore',
  '# TXBOUNDARY:IGNORE',
  '# txboundary: ignore-this',
  '# type: ignore  # noqa: TXB001',
  '# pragma: no cover',
  '#noqa:TXB002 TXB001',
] as const;

export const SUMMARIES = [
  'Create an order for the user.',
  'Return the user or None.',
  'Synchronise accounts with the ledger.',
  'List open orders.',
  'Données du compte.',
  'Validate the payload.',
  '',
  'Summary line continued \\',
  'Summary.\\nTransaction boundary: Read-only, no transaction needed.',
  'Tab\\tseparated summary.',
  'Summary.\\rTransaction boundary: after a lone CR escape.',
  'Summary.\\r\\nTransaction boundary: after a CRLF escape.',
  'Summary.\\x0bTransaction boundary: after a vertical tab.',
  'Summary.\\u2028Transaction boundary: after a line separator.',
  'Summary with \\"escaped\\" quotes.',
  'Charge 5 \u20ac \u2014 fee included.',
] as const;

/** Section blocks: lines after the summary. Each is tagged with what docs/rules.md says it is. */
export const SECTION_PRESENT: readonly (readonly string[])[] = [
  ['Transaction boundary: Read-only, no transaction needed.', '    Safe without a session; a passed session gives consistent reads.'],
  ['Transaction boundary: Single operation, automatically atomic.'],
  [
    'Transaction boundary: ALL operations in single session (atomic).',
    '',
    'Atomicity guarantee:',
    '    All steps succeed or all roll back.',
    'Steps executed atomically:',
    '    1. Load the order',
    '    2. session.add(order)',
    'CRITICAL: every nested service call receives the session.',
  ],
  ['transaction boundary: Inherits session from caller.'],
  ['TRANSACTION BOUNDARY: Pure computation (no database access).'],
  ['Transaction boundary:', '    Multi-step operation (atomic).'],
  ['    Transaction boundary: Read-only.'],
  ['Transaction boundary:Read-only.'],
  ['\tTransaction boundary: Read-only.'],
  ['Transaction boundary: \\x52ead-only.'],
  ['Transaction boundary:', 'Transaction boundary: Single operation.'],
  ['Transaction boundary:', 'Example usage:'],
  ['Transaction boundary:', 'Note: see below.'],
  ['Transaction boundary:\u00a0Read-only.'],
  ['\u00a0Transaction boundary: Read-only.'],
  ['Transaction boundary: Read-only.  # noqa'],
  ['\\N{NO-BREAK SPACE}Transaction boundary: Read-only.'],
  ['\\N{LATIN CAPITAL LETTER T}ransaction boundary: Read-only.'],
  ['\\124ransaction boundary: Read-only.'],
  ['\\u0054ransaction Boundary: Read-only.'],
  ['\\fTransaction boundary: Read-only.'],
  ['Transaction boundary:', '\\tInherits session from caller.'],
];

export const SECTION_EMPTY: readonly (readonly string[])[] = [
  ['Transaction boundary:'],
  ['Transaction boundary:', ''],
  ['Transaction boundary:', '', 'Reads the order.'],
  ['Transaction boundary:', 'Args:', '    session: the session.'],
  ['Transaction boundary:   '],
  ['Transaction boundary:\\t'],
  ['Transaction boundary:', 'Returns:'],
  ['Transaction boundary:', 'Transaction boundary:'],
  ['Transaction boundary:', '    Args:'],
  ['Transaction boundary:', 'Données:'],
  ['Transaction boundary:', '    '],
  ['Transaction boundary:\\N{NO-BREAK SPACE}'],
  ['Transaction boundary:', 'Args\\x3a'],
  ['Transaction boundary:', '_private:'],
  ['Transaction boundary:', 'Returns :'],
  ['TRANSACTION BOUNDARY:', 'Raises:', '    ValueError: bad input.'],
];

export const SECTION_LOOKALIKE: readonly (readonly string[])[] = [
  ['Transaction boundaries: none.'],
  ['Transaction boundary - read-only.'],
  ['Transaction boundary : read-only.'],
  ['The Transaction boundary: read-only.'],
  ['Transaction_boundary: read-only.'],
  ['Args:', '    session: the session.'],
  ['Returns:', '    The user.'],
  ['Transaction\\nboundary: split by an escape.'],
  ['Transaction  boundary: two spaces.'],
  ['Tran\u017faction boundary: long s.'],
  ['TRANSACTION BOUNDARY\u0130: dotted I.'],
];

export const DOC_TAILS: readonly (readonly string[])[] = [
  ['', 'Args:', '    session: the session.', '    user_id: the user.'],
  ['Returns:', '    The user.'],
  ['', 'Raises:', '    LookupError: when missing.'],
];

/** Module-level statements (imports, constants, calls). */
export const MODULE_STMTS = [
  'import logging',
  'from sqlalchemy.orm import Session',
  'from app.db import session_scope',
  'from typing import TYPE_CHECKING, overload',
  'logger = logging.getLogger(__name__)',
  'MAX_RETRIES = 3',
  'DEFAULT_LIMIT: int = 100',
  'SQL = "def not_a_function(): pass"',
  'register(handler)',
  'from app.models import (\nOrder,\nUser,\n)',
  'T = TypeVar("T")',
  'handler = lambda session: session.add(obj)',
] as const;

export const CLASS_STMTS = ['model = User', 'table_name = "orders"', 'limit: int = 10', '__slots__ = ()', 'name = property(get_name)', '__all__ = ["model"]'] as const;

export const COMMENTS = ['# --- queries ---', '# TODO: paginate', '# noqa: TXB001', '# txboundary: ignore', '#', '# def commented_out(session):'] as const;

/** Module- and class-level compound statements (transparent for the checker). */
export const COMPOUND_HEADERS = [
  ['if TYPE_CHECKING', 'else'],
  ['if sys.version_info >= (3, 11)'],
  ['try', 'except ImportError'],
  ['try', 'except Exception', 'else', 'finally'],
  ['with suppress(ImportError)'],
  ['for _name in ("a",)', 'else'],
  ['while False', 'else'],
  ['try', 'except* ValueError'],
  ['with (\n    suppress(ImportError),\n    suppress(KeyError),\n)'],
  ['if __name__ == "__main__"'],
  ['if FLAG', 'elif OTHER', 'else'],
] as const;
