import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectBodyFacts } from '../../src/python/body-facts.js';
import { classify } from '../../src/suggest/classify.js';
import type { BodyEvent } from '../../src/types.js';

let parser: Parser;

beforeAll(async () => {
  await Parser.init();
  const grammar = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
  parser = new Parser();
  parser.setLanguage(await Language.load(grammar));
});

/** The events of the first top-level function in `lines` (joined with newlines). */
function eventsOf(...lines: string[]): BodyEvent[] {
  const source = lines.join('\n');
  const tree = parser.parse(source);
  if (!tree) throw new Error('parser returned no tree');
  const fn = firstFunction(tree.rootNode);
  return collectBodyFacts(fn, source).events;
}

function firstFunction(root: Node): Node {
  for (const child of root.namedChildren) {
    if (child.type === 'function_definition') return child;
    const inner = child.type === 'decorated_definition' ? child.childForFieldName('definition') : null;
    if (inner) return inner;
  }
  throw new Error('no function in the source');
}

const summary = (events: BodyEvent[]) => events.map((e) => `${e.kind} ${e.callee} @${e.line}`);

describe('writes', () => {
  it('recognises each write method, with callee, text and line', () => {
    const events = eventsOf(
      'def f(session):',
      '    session.add(user)',
      '    session.add_all([a, b])',
      '    session.delete(user)',
      '    session.merge(user)',
      '    session.flush()',
      '    session.commit()',
      '    session.bulk_save_objects(objs)',
      '    session.bulk_insert_mappings(User, rows)',
      '    session.bulk_update_mappings(User, rows)',
    );
    expect(summary(events)).toEqual([
      'write session.add @2',
      'write session.add_all @3',
      'write session.delete @4',
      'write session.merge @5',
      'write session.flush @6',
      'write session.commit @7',
      'write session.bulk_save_objects @8',
      'write session.bulk_insert_mappings @9',
      'write session.bulk_update_mappings @10',
    ]);
    expect(events[0]).toEqual({ kind: 'write', callee: 'session.add', text: 'session.add(user)', line: 2, readOnly: false });
  });

  it('counts .delete( on any receiver, .update( only on a call chain', () => {
    const events = eventsOf(
      'def f(session, data):',
      '    session.query(User).filter(User.id == 1).update({"name": "x"})',
      '    data.update(extra)',
      '    settings = {}',
      '    settings.update(a=1)',
      '    session.query(User).filter_by(id=2).delete()',
      '    repo.delete(item)',
    );
    expect(summary(events)).toEqual([
      'write session.query(User).filter(User.id==1).update @2',
      'write session.query(User).filter_by(id=2).delete @6',
      'write repo.delete @7',
    ]);
  });

  it('skips .add on names bound to sets, lists, dicts and comprehensions', () => {
    const events = eventsOf(
      'def f(session, users):',
      '    seen = set()',
      '    ids = {u.id for u in users}',
      '    tags: set[str] = set()',
      '    for user in users:',
      '        seen.add(user.id)',
      '        ids.add(user.id)',
      '        tags.add(user.tag)',
      '    {1, 2}.add(3)',
      '    session.add(users[0])',
    );
    expect(summary(events)).toEqual(['write session.add @10']);
  });

  it('skips flushing files and standard streams', () => {
    const events = eventsOf(
      'def f(path):',
      '    with open(path) as handle:',
      '        handle.flush()',
      '    sys.stdout.flush()',
    );
    expect(events).toEqual([]);
  });

  it('counts execute/exec of INSERT, UPDATE and DELETE, not of SELECT', () => {
    const events = eventsOf(
      'async def f(session, conn, cursor):',
      '    session.execute(insert(User).values(name="a"))',
      '    await session.exec(update(User).where(User.id == 1).values(name="b"))',
      '    conn.execute(User.__table__.delete().where(User.id == 2))',
      '    conn.execute(text("delete from users"))',
      '    cursor.execute("""',
      '        UPDATE users SET name = %s""", ("c",))',
      '    stmt = pg_insert(User).values(name="d")',
      '    stmt = stmt.on_conflict_do_nothing()',
      '    session.execute(stmt)',
      '    session.execute(select(User))',
      '    session.execute(text("SELECT 1"))',
      '    session.execute(statement=delete(User))',
    );
    expect(summary(events)).toEqual([
      'write session.execute @2',
      'write session.exec @3',
      'write conn.execute @4',
      'write conn.execute @5',
      'write cursor.execute @6',
      'write session.execute @10',
      'write session.execute @13',
    ]);
  });

  it('counts a statement built apart and executed later once', () => {
    const events = eventsOf(
      'def f(session, users):',
      '    stmt = users.delete().where(users.c.id == 1)',
      '    session.execute(stmt)',
    );
    expect(summary(events)).toEqual(['write session.execute @3']);
  });

  it('keeps a query-level delete or update whose result is assigned', () => {
    const events = eventsOf(
      'def f(session, repo, item):',
      '    deleted = session.query(User).filter(User.id == 1).delete()',
      '    changed = session.query(User).filter(User.id == 2).update({"a": 1})',
      '    n = repo.delete(item)',
    );
    expect(events.map((e) => `${e.kind}@${e.line}`)).toEqual(['write@2', 'write@3', 'write@4']);
  });
});

describe('session hand-offs', () => {
  it('counts session= keywords and leaves session=None out', () => {
    const events = eventsOf(
      'def f(customer, session):',
      '    orders.create_order(customer, session=session)',
      '    notify(customer, db_session=session)',
      '    audit(customer, sess=session)',
      '    other(customer, session=None)',
    );
    expect(summary(events)).toEqual([
      'session-call orders.create_order @2',
      'session-call notify @3',
      'session-call audit @4',
    ]);
    expect(events[0]?.text).toBe('orders.create_order(customer, session=session)');
  });

  it('counts a session variable passed positionally or by another keyword', () => {
    const events = eventsOf(
      'def f(db: Session, s: AsyncSession, other, sx: "orm.Session", opt: Optional[Session] = None):',
      '    a(db)',
      '    b(1, s)',
      '    c(sx)',
      '    d(opt)',
      '    e(repo=db)',
      '    g(other)',
    );
    expect(summary(events)).toEqual([
      'session-call a @2',
      'session-call b @3',
      'session-call c @4',
      'session-call d @5',
      'session-call e @6',
    ]);
  });

  it('needs a Session annotation before db or s count', () => {
    const events = eventsOf(
      'def f(db, s, x: Annotated[Session, Depends(get_db)], cb: Callable[[Session], None]):',
      '    a(db)',
      '    b(s)',
      '    c(x)',
      '    d(cb)',
    );
    expect(summary(events)).toEqual(['session-call c @4']);
  });

  it('treats with session_scope() / async with Session() targets as sessions', () => {
    const events = eventsOf(
      'async def f(items):',
      '    with session_scope() as s:',
      '        save_all(items, s)',
      '    async with Session() as t, t.begin():',
      '        await publish(t)',
      '    with lock() as l:',
      '        use(l)',
    );
    expect(summary(events)).toEqual(['session-call save_all @3', 'session-call publish @5']);
  });

  it('excludes session makers, methods on the session and inert builtins', () => {
    const events = eventsOf(
      'def f(session, sess):',
      '    with session_scope(session=session) as s:',
      '        s.query(User).filter(User.id == 1).all()',
      '    session.execute(select(User), session)',
      '    sess.get(User, 1)',
      '    other = Session(bind=engine, session=session)',
      '    isinstance(session, Session)',
      '    logger.info("using %s", session)',
      '    super().__init__(session)',
    );
    expect(events).toEqual([]);
  });

  it("counts the session an object keeps (self.session), not request.session", () => {
    const events = eventsOf(
      'def place_order(self, request, customer):',
      '    order = self.orders.create(customer, session=self.session)',
      '    self.audit.record(self._session, order)',
      '    self.session.query(Order).filter(Order.id == order.id).one()',
      '    login(request.session)',
      '    self.session.add(order)',
    );
    expect(summary(events)).toEqual([
      'session-call self.orders.create @2',
      'session-call self.audit.record @3',
      'write self.session.add @6',
    ]);
  });

  it('marks callees with reader names as read-only', () => {
    const events = eventsOf(
      'def f(session):',
      '    get_user(session, 1)',
      '    repo.list_orders(session=session)',
      '    is_active(session)',
      '    create_order(session)',
    );
    expect(events.map((e) => [e.callee, e.readOnly])).toEqual([
      ['get_user', true],
      ['repo.list_orders', true],
      ['is_active', true],
      ['create_order', false],
    ]);
  });

  it('gives one event per call, a write before a hand-off', () => {
    const events = eventsOf('def f(session, item):', '    repo.delete(item, session=session)');
    expect(summary(events)).toEqual(['write repo.delete @2']);
  });
});

describe('nested helpers (the _impl(sess) idiom)', () => {
  const createUser = [
    'def create_user(name, session=None):',
    '    def _impl(sess):',
    '        sess.add(User(name=name))',
    '    if session is not None:',
    '        return _impl(session)',
    '    with session_scope() as s:',
    '        return _impl(s)',
  ];

  it('walks the helper body and does not count calls to the helper', () => {
    expect(summary(eventsOf(...createUser))).toEqual(['write sess.add @3']);
  });

  it('classifies one write through the helper as B, not C', () => {
    const tree = parser.parse(createUser.join('\n'));
    if (!tree) throw new Error('no tree');
    const facts = collectBodyFacts(firstFunction(tree.rootNode), createUser.join('\n'));
    expect(classify('create_user', facts).pattern).toBe('B');
  });

  it('walks lambdas and nested classes; calls to them are local', () => {
    const events = eventsOf(
      'def f(session):',
      '    save = lambda s: s.merge(obj)',
      '    class Unit:',
      '        def run(self, db: Session):',
      '            db.flush()',
      '    save(session)',
      '    Unit(session)',
    );
    expect(summary(events)).toEqual(['write s.merge @2', 'write db.flush @5']);
  });
});

describe('order and text', () => {
  it('emits events in source order, outer calls before their arguments', () => {
    const events = eventsOf(
      'def f(session):',
      '    session.flush(); record(session)',
      '    outer(session, inner(session))',
      '    session.add(x)',
    );
    expect(events.map((e) => `${e.callee}@${e.line}`)).toEqual([
      'session.flush@2',
      'record@2',
      'outer@3',
      'inner@3',
      'session.add@4',
    ]);
  });

  it('joins a multi-line call on one line, without comments, and shortens it', () => {
    const events = eventsOf(
      'def f(session):',
      '    orders.create_order(',
      '        customer,  # the buyer',
      '        session=session,',
      '    )',
      '    session.add(Order(customer=customer, lines=lines, discount=discount, note=note))',
    );
    expect(events[0]?.text).toBe('orders.create_order(customer, session=session)');
    expect(events[0]?.line).toBe(2);
    const long = events[1]?.text ?? '';
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.startsWith('session.add(Order(customer=customer,')).toBe(true);
  });

  it('survives bodies nested 300 levels deep', () => {
    const lines = ['def f(session):'];
    for (let depth = 1; depth <= 300; depth++) lines.push(`${'  '.repeat(depth)}if x${depth}:`);
    lines.push(`${'  '.repeat(301)}session.add(deep)`);
    const events = eventsOf(...lines);
    expect(summary(events)).toEqual(['write session.add @302']);
  });

  it('survives helpers nested 300 levels deep', () => {
    const lines = ['def f(session):'];
    for (let depth = 1; depth <= 300; depth++) lines.push(`${' '.repeat(depth)}def h${depth}(sess):`);
    lines.push(`${' '.repeat(301)}sess.flush()`);
    expect(summary(eventsOf(...lines))).toEqual(['write sess.flush @302']);
  });
});
