/**
 * The suggestion follows calls into the repository's other modules, read
 * from the revision being checked, and the audit shows how often it agrees
 * with the documented patterns (docs/suggestion.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo, lineOf } from '../../helpers/git-repo.js';
import { runCheckJson, runCli } from '../../helpers/run-cli.js';

const IMPL = dedent`
  from .ledger import post as post_entry


  def _get_orders_impl(customer_id, session):
      return session.query(Order).filter_by(customer_id=customer_id).all()


  def _refund_impl(order, amount, session):
      session.add(Refund(order.id, amount))
      post_entry(order, -amount, session)
`;

const LEDGER = dedent`
  def post(order, amount, session):
      session.add(Entry(order.id, amount))
      session.flush()
`;

const ORDERS = dedent`
  from . import _impl as impl
  from .db import session_scope


  def get_orders(customer_id, session=None):
      """List a customer's orders.

      Transaction boundary: Read-only, no transaction needed.
      """
      if session is not None:
          return impl._get_orders_impl(customer_id, session)
      with session_scope() as s:
          return impl._get_orders_impl(customer_id, s)


  def refund(order, amount, session=None):
      """Refund an order.

      Transaction boundary: Single operation, automatically atomic.
      """
      if session is not None:
          return impl._refund_impl(order, amount, session)
      with session_scope() as s:
          return impl._refund_impl(order, amount, s)
`;

const GET_CALL = lineOf(ORDERS, 'return impl._get_orders_impl');
const REFUND_CALL = lineOf(ORDERS, 'return impl._refund_impl');
const REFUND_DEF = lineOf(ORDERS, 'def refund');
const REFUND_ADD = lineOf(IMPL, 'session.add(Refund');

describe('suggestions that follow the calls', () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo();
    repo.write('services/__init__.py', '');
    repo.write('services/_impl.py', IMPL);
    repo.write('services/ledger.py', LEDGER);
    repo.write('services/orders.py', ORDERS);
    repo.commitAll('services');
  });
  afterAll(() => repo.cleanup());

  it('the audit lists every function with its documented and suggested pattern, and TXB004 sees through the chain', () => {
    const { code, json } = runCheckJson(repo.dir, ['--all']);
    expect(code).toBe(1); // ledger.post has no section
    const byName = Object.fromEntries((json.functions ?? []).map((fn) => [fn.function, fn]));
    expect(byName.get_orders).toMatchObject({ documented: true, documentedPattern: 'A', suggestedPattern: 'A' });
    expect(byName.get_orders?.evidence[0]).toBe(`impl._get_orders_impl(…) (line ${GET_CALL}) → reads only → Pattern A`);
    expect(byName.refund).toMatchObject({ documentedPattern: 'B', suggestedPattern: 'C' });
    expect(byName.refund?.evidence[0]).toBe(`impl._refund_impl(…) (line ${REFUND_CALL}) → 2 steps via session.add (_impl.py:${REFUND_ADD}) → Pattern C`);
    const txb004 = json.violations.filter((v) => v.code === 'TXB004');
    expect(txb004.map((v) => v.function)).toEqual(['refund']);
    expect(txb004[0]?.message).toContain('says "Single operation, automatically atomic." but it takes 2 data-changing steps');
  });

  it('the text audit prints the agreement, and --verbose where they differ', () => {
    const plain = runCli(repo.dir, ['check', '--all']);
    expect(plain.stdout).toContain('agreement: the suggestion matches 50.0% of 2 documented patterns (A 1, B 1, C 0)\n  (--verbose lists where they differ)');
    const verbose = runCli(repo.dir, ['check', '--all', '--verbose']);
    expect(verbose.stdout).toContain(`services/orders.py:${REFUND_DEF} refund: documented B, suggested C: impl._refund_impl(…) (line ${REFUND_CALL}) → 2 steps`);
  });

  it('in the hook, callee modules are read from the index, not the working tree', () => {
    // Staged: a helper that writes; in the working tree, not staged: one that only reads.
    repo.stageFile('services/_impl.py', IMPL.replace('return session.query(Order).filter_by(customer_id=customer_id).all()', 'session.add(Visit(customer_id))'));
    repo.write('services/_impl.py', IMPL);
    repo.stageFile('services/orders.py', ORDERS.replace('    Transaction boundary: Read-only, no transaction needed.\n', ''));
    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    const lost = json.violations.find((v) => v.code === 'TXB002');
    expect(lost).toMatchObject({ function: 'get_orders', pattern: 'B' });
    expect(lost?.evidence[0]).toBe(`impl._get_orders_impl(…) (line ${GET_CALL - 1}) → writes via session.add (_impl.py:${lineOf(IMPL, 'return session.query')})`);
    repo.reset();
  });

  it('follows same-module helpers to any depth when the hook parses only the changed statements', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `def other_${i}(x):\n    """Other.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """\n    return x + ${i}\n`).join(
      '\n\n',
    );
    const source = (section: string) => dedent`
      def touch(order_id, session=None):
          """Touch an order.${section}
          """
          return _touch_impl(order_id, session)


      def _touch_impl(order_id, session):
          return _stamp(session.get(Order, order_id), session)


      def _stamp(order, session):
          order.touched = True
          session.flush()
    `;
    repo.commitFile('services/touch.py', `${source('\n\n    Transaction boundary: Single operation, automatically atomic.')}\n\n${filler}\n`, 'touch');
    repo.stageFile('services/touch.py', `${source('')}\n\n${filler}\n`);
    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    const lost = json.violations.find((v) => v.code === 'TXB002');
    expect(lost).toMatchObject({ function: 'touch', pattern: 'B' });
    expect(lost?.evidence[0]).toMatch(/^_touch_impl\(…\) \(line 4\) → writes via order\.touched \(touch\.py:\d+\)$/);
    repo.reset();
  });
});
