/**
 * The suggestion on code written for these tests, one idiom at a time
 * (docs/suggestion.md): what a function does follows its calls, the session
 * idiom is one step, transaction control is no step, a loop repeats, and
 * the evidence shows the chain.
 */
import { describe, expect, it } from 'vitest';
import { type Classification, classify } from '../../../src/suggest/classify.js';
import { analyzeInMemory } from '../../helpers/in-memory-program.js';

const py = (...lines: string[]) => `${lines.join('\n')}\n`;

/** The suggestion for `name` in `source` (checked as `app/services/orders.py`), with `files` beside it. */
async function suggest(source: string, name: string, files: Record<string, string> = {}): Promise<Classification> {
  const { module, effects } = await analyzeInMemory('app/services/orders.py', source, files);
  const fn = module.functions.find((candidate) => candidate.qualifiedName === name);
  if (!fn) throw new Error(`no function ${name}`);
  return classify(fn.name, effects.of({ file: 'app/services/orders.py', fn }));
}

const WRAPPER = (impl: string) => [
  'def get_orders(customer_id, session=None):',
  '    if session is not None:',
  `        return ${impl}(customer_id, session)`,
  '    with session_scope() as s:',
  `        return ${impl}(customer_id, s)`,
];

describe('the session idiom', () => {
  it('is one step, worth what its helper does: a reading helper makes the wrapper read-only', async () => {
    const source = py(...WRAPPER('_get_orders_impl'), 'def _get_orders_impl(customer_id, session):', '    return session.query(Order).filter_by(customer_id=customer_id).all()');
    const suggestion = await suggest(source, 'get_orders');
    expect(suggestion.pattern).toBe('A');
    expect(suggestion.reason).toBe('_get_orders_impl(…) (line 3) → reads only → Pattern A');
  });

  it('a writing helper makes it B, named through the chain to the write', async () => {
    const source = py(...WRAPPER('_create_impl'), 'def _create_impl(customer_id, session):', '    session.add(Order(customer_id=customer_id))', '    session.flush()');
    const suggestion = await suggest(source, 'get_orders');
    expect(suggestion.pattern).toBe('B');
    expect(suggestion.reason).toBe('_create_impl(…) (line 3) → writes via session.add (orders.py:7) → Pattern B');
  });

  it('also in the if/else form and with a nested helper', async () => {
    const source = py(
      'def archive(order_id, session=None):',
      '    def _do(s):',
      '        s.delete(s.get(Order, order_id))',
      '    if session is None:',
      '        with session_scope() as s:',
      '            return _do(s)',
      '    else:',
      '        return _do(session)',
    );
    expect((await suggest(source, 'archive')).pattern).toBe('B');
  });
});

describe('data-changing steps and transaction control', () => {
  it('flush, commit and refresh are not steps: add then flush is one step', async () => {
    const source = py('def create_order(data, session):', '    order = Order(**data)', '    session.add(order)', '    session.flush()', '    session.refresh(order)', '    session.commit()');
    expect((await suggest(source, 'create_order')).pattern).toBe('B');
  });

  it('several changes to one row are one step; two rows are two', async () => {
    const one = py('def rename(order_id, name, session):', '    order = session.get(Order, order_id)', '    order.name = name', '    order.updated = now()', '    session.flush()');
    expect((await suggest(one, 'rename')).pattern).toBe('B');
    const two = py('def move(a_id, b_id, session):', '    a = session.get(Order, a_id)', '    a.parent = None', '    session.add(Audit(a_id))');
    expect((await suggest(two, 'move')).pattern).toBe('C');
  });

  it('a write repeated over a collection is multi-step; changing one row in a loop is not', async () => {
    const many = py('def close_all(ids, session):', '    for order in session.query(Order).filter(Order.id.in_(ids)):', '        order.closed = True');
    const suggestion = await suggest(many, 'close_all');
    expect(suggestion.pattern).toBe('C');
    expect(suggestion.evidence[0]).toBe('order.closed (line 3), repeated in a loop');
    const same = py('def update(order_id, data, session):', '    order = session.get(Order, order_id)', '    for key, value in data.items():', '        setattr(order, key, value)');
    expect((await suggest(same, 'update')).pattern).toBe('B');
    const comprehension = py('def add_lines(lines, session):', '    [session.add(Line(**line)) for line in lines]');
    expect((await suggest(comprehension, 'add_lines')).pattern).toBe('C');
  });

  it('exclusive branches count once; a write after two lookups is "validate, then write"', async () => {
    const branches = py('def save(order, session, new):', '    if new:', '        session.add(order)', '    else:', '        session.merge(order)');
    expect((await suggest(branches, 'save')).pattern).toBe('B');
    const validated = py(
      'def assign(order_id, courier_id, session):',
      '    if session.get(Order, order_id) is None:',
      '        raise NotFound(order_id)',
      '    if session.get(Courier, courier_id) is None:',
      '        raise NotFound(courier_id)',
      '    session.add(Assignment(order_id, courier_id))',
    );
    const suggestion = await suggest(validated, 'assign');
    expect(suggestion.pattern).toBe('C');
    expect(suggestion.reason).toBe('2 lookups, then session.add (line 6) → Pattern C');
  });

  it('an INSERT executed is a write, a SELECT is not; a set is not a session', async () => {
    const insert = py('def log(session, row):', '    stmt = insert(AuditLog).values(**row)', '    session.execute(stmt)');
    expect((await suggest(insert, 'log')).pattern).toBe('B');
    const select = py('def ids(session):', '    seen = set()', '    for row in session.execute(select(Order.id)):', '        seen.add(row.id)', '    return seen');
    expect((await suggest(select, 'ids')).pattern).toBe('A');
  });
});

describe('calls across modules', () => {
  const PAYMENTS = py(
    'from .ledger import post_entry',
    'def record_payment(order, amount, session):',
    '    session.add(Payment(order.id, amount))',
    '    post_entry(order, amount, session=session)',
    'def payment_total(order, session):',
    '    return session.query(Payment).filter_by(order_id=order.id).count()',
  );
  const LEDGER = py('def post_entry(order, amount, session):', '    session.add(Entry(order.id, amount))');

  it('follows an aliased import to any depth, and pre-fills the steps of Pattern C', async () => {
    const source = py(
      'from app.services import payments as pay',
      'def refund(order, amount, session):',
      '    session.add(Refund(order.id, amount))',
      '    pay.record_payment(order, -amount, session)',
    );
    const suggestion = await suggest(source, 'refund', { 'app/services/payments.py': PAYMENTS, 'app/services/ledger.py': LEDGER });
    expect(suggestion.pattern).toBe('C');
    expect(suggestion.evidence).toEqual(['session.add (line 3)', 'pay.record_payment(…) (line 4) → 2 steps via session.add (payments.py:3)']);
    expect(suggestion.steps).toEqual(['session.add(Refund(order.id, amount))', 'pay.record_payment(order, -amount, session)']);
  });

  it('follows a re-export in a package __init__.py and a relative import; a reading callee keeps A', async () => {
    const source = py('from . import payment_total as total', 'def outstanding(order, session):', '    return order.amount - total(order, session)');
    const files = { 'app/services/__init__.py': 'from .payments import payment_total\n', 'app/services/payments.py': PAYMENTS, 'app/services/ledger.py': LEDGER };
    const suggestion = await suggest(source, 'outstanding', files);
    expect(suggestion.pattern).toBe('A');
    expect(suggestion.reason).toBe('total(…) (line 3) → reads only → Pattern A');
  });

  it('resolves self. and Class. methods', async () => {
    const source = py(
      'class Orders:',
      '    def close(self, order, session):',
      '        self._mark(order, session)',
      '        Orders._notify(order, session)',
      '    def _mark(self, order, session):',
      '        order.closed = True',
      '    @staticmethod',
      '    def _notify(order, session):',
      '        session.add(Notice(order.id))',
    );
    expect((await suggest(source, 'Orders.close')).pattern).toBe('C');
  });

  it('cuts cycles of calls and evaluates each callee once', async () => {
    const source = py('def walk(node, session):', '    for child in node.children:', '        visit(child, session)', 'def visit(node, session):', '    walk(node, session)');
    expect((await suggest(source, 'walk')).pattern).toBe('A');
  });

  it('counts a callee it cannot read by its name when it is handed the session', async () => {
    const reading = py('from vendor.lib import fetch_rates', 'def rates(session):', '    return fetch_rates(session)');
    expect((await suggest(reading, 'rates')).pattern).toBe('A');
    const writing = py('from vendor.lib import store_rates', 'def save_rates(rates, session):', '    store_rates(rates, session=session)');
    const suggestion = await suggest(writing, 'save_rates');
    expect(suggestion.pattern).toBe('B');
    expect(suggestion.evidence).toEqual(['store_rates(session=…) (line 3) → counted as one step: its code cannot be read']);
    const notHanded = py('from vendor.lib import store_rates', 'def cached(rates):', '    return store_rates(rates)');
    expect((await suggest(notHanded, 'cached')).pattern).toBe('A');
  });

  it('leans on the function name only when nothing else gives evidence, and never reads its own section', async () => {
    const source = py('def import_rates(path):', '    """Load.', '', '    Transaction boundary: Read-only, no transaction needed.', '    """', '    return parse(path)');
    const suggestion = await suggest(source, 'import_rates');
    expect(suggestion.pattern).toBe('C');
    expect(suggestion.reason).toBe('no data-changing step found; the name import_rates leans to Pattern C');
  });
});
