/**
 * TXB004–TXB006 against real git: warnings that do not block, severity from
 * the configuration, callee modules read from the revision being checked
 * (the index in staged mode, the head commit in range mode), and the cost:
 * one extra `git cat-file --batch` at most, none when nothing needs it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo } from '../../helpers/git-repo.js';
import { type JsonReport, runCheckJson, runCli } from '../../helpers/run-cli.js';

const brief = (report: JsonReport) => report.violations.map((v) => `${v.code} ${v.severity} ${v.function}`);

const DB = dedent`
  from contextlib import contextmanager


  @contextmanager
  def session_scope(session=None):
      yield session
`;

const PAYMENTS = dedent`
  def record_payment(order_id, amount, session=None):
      """Record a payment.

      Transaction boundary: Single operation, automatically atomic.
      """
      session.add(Payment(order_id=order_id, amount=amount))
`;

const ORDERS = dedent`
  from app.db import session_scope
  from app.services.payments import record_payment


  def get_order(order_id, session=None):
      """Return one order.

      Transaction boundary: Read-only, no transaction needed.
      """
      return session.get(Order, order_id)


  def refund_order(order_id, amount, session=None):
      """Refund an order.

      Transaction boundary: ALL operations in single session (atomic).
      """
      with session_scope(session) as s:
          s.add(Refund(order_id=order_id, amount=amount))
          record_payment(order_id, -amount, session=s)
`;

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'app/__init__.py': '', 'app/db.py': DB, 'app/services/__init__.py': '', 'app/services/payments.py': PAYMENTS, 'app/services/orders.py': ORDERS }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

/** Runs the check with GIT_TRACE and returns the git commands it ran. */
function traced(args: string[]): { run: ReturnType<typeof runCheckJson>; commands: string[] } {
  const trace = join(repo.home, 'git-trace.log');
  rmSync(trace, { force: true });
  const run = runCheckJson(repo.dir, args, { env: { ...repo.env, GIT_TRACE: trace } });
  let log = '';
  try {
    log = readFileSync(trace, 'utf8');
  } catch {
    // no git process wrote a line
  }
  const commands = [...log.matchAll(/trace: built-in: git (.*)$/gm)].map((m) => (m[1] ?? '').replace(/^-C \S+ /, ''));
  return { run, commands };
}

describe('warnings by default', () => {
  it('reports each rule as a warning and exits 0', () => {
    repo.stageFile(
      'app/services/orders.py',
      ORDERS.replace('return session.get(Order, order_id)', 'order = session.get(Order, order_id)\n    session.add(order)\n    return order')
        .replace('record_payment(order_id, -amount, session=s)', 'record_payment(order_id, -amount)')
        .replace('with session_scope(session) as s:', 'with session_scope() as s:'),
    );
    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(0);
    expect(brief(json)).toEqual(['TXB004 warning get_order', 'TXB005 warning refund_order', 'TXB006 warning refund_order']);
    expect(json.summary.blocking).toBe(0);
    const payment = json.violations.find((v) => v.code === 'TXB005');
    expect(payment?.evidence).toEqual(['record_payment(order_id, -amount) (line 22) → record_payment(…, session) at app/services/payments.py:1']);
  });

  it('shows a help: line in text output', () => {
    repo.stageFile('app/services/orders.py', ORDERS.replace('record_payment(order_id, -amount, session=s)', 'record_payment(order_id, -amount)'));
    const { code, stdout } = runCli(repo.dir, ['check']);
    expect(code).toBe(0);
    expect(stdout).toContain('TXB005 `refund_order` holds a session (`s`) but calls `record_payment` without it (line 20)');
    expect(stdout).toContain('help: pass the session on, so the call joins this transaction:\n\n        record_payment(order_id, -amount, session=s)\n');
    expect(stdout).toContain('⚠ txboundary: 1 warning (not blocking)');
  });

  it('blocks when the configuration makes a rule an error, and stays quiet when it is off', () => {
    repo.stageFile('app/services/orders.py', ORDERS.replace('record_payment(order_id, -amount, session=s)', 'record_payment(order_id, -amount)'));
    repo.write('.txboundaryrc.json', JSON.stringify({ rules: { TXB005: 'error' } }));
    const blocked = runCheckJson(repo.dir);
    expect(blocked.code).toBe(1);
    expect(brief(blocked.json)).toEqual(['TXB005 error refund_order']);
    repo.write('.txboundaryrc.json', JSON.stringify({ rules: { TXB005: 'off' } }));
    const { run } = traced([]);
    expect(run.code).toBe(0);
    expect(run.json.violations).toEqual([]);
    // With every body rule off, a documented function's callees are not read at all.
    repo.write('.txboundaryrc.json', JSON.stringify({ rules: { TXB004: 'off', TXB005: 'off' } }));
    const quiet = traced([]);
    expect(quiet.run.code).toBe(0);
    expect(quiet.commands.filter((c) => c.startsWith('cat-file'))).toHaveLength(1);
  });

  it('is silenced by # noqa on the def line', () => {
    repo.stageFile(
      'app/services/orders.py',
      ORDERS.replace('record_payment(order_id, -amount, session=s)', 'record_payment(order_id, -amount)').replace(
        'def refund_order(order_id, amount, session=None):',
        'def refund_order(order_id, amount, session=None):  # noqa: TXB005',
      ),
    );
    expect(runCheckJson(repo.dir).json.violations).toEqual([]);
  });
});

describe('which functions and which revision', () => {
  it('checks only modified functions in staged mode, and every function with --all', () => {
    const legacy = `${ORDERS}\n\ndef close_day(day):\n    """Close.\n\n    Transaction boundary: Multi-step.\n    """\n    with session_scope() as a:\n        a.add(day)\n    with session_scope() as b:\n        b.add(day)\n`;
    repo.write('app/services/orders.py', legacy);
    repo.commitAll('legacy two scopes');
    repo.stageFile('app/services/orders.py', legacy.replace('return session.get(Order, order_id)', 'return session.get(Order, int(order_id))'));
    expect(brief(runCheckJson(repo.dir).json)).toEqual([]);
    expect(brief(runCheckJson(repo.dir, ['--all', 'app/services/orders.py']).json)).toEqual(['TXB006 warning close_day']);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('reads the callee from the index, not the working tree', () => {
    repo.stageFile('app/services/orders.py', ORDERS.replace('record_payment(order_id, -amount, session=s)', 'record_payment(order_id, -amount)'));
    // The working tree drops the session parameter, but the index still has it.
    repo.write('app/services/payments.py', PAYMENTS.replace(', session=None', ''));
    expect(brief(runCheckJson(repo.dir).json)).toEqual(['TXB005 warning refund_order']);
    // Staged without it: nothing to pass on any more.
    repo.git('add', 'app/services/payments.py');
    expect(brief(runCheckJson(repo.dir).json)).toEqual([]);
  });

  it('reads the callee from the head commit in range mode', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('app/services/orders.py', ORDERS.replace('record_payment(order_id, -amount, session=s)', 'record_payment(order_id, -amount)'));
    repo.commitAll('feature: drop the session');
    repo.stageFile('app/services/payments.py', PAYMENTS.replace(', session=None', ''));
    expect(brief(runCheckJson(repo.dir, ['--base', 'main']).json)).toEqual(['TXB005 warning refund_order']);
    repo.reset();
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'feature');
  });
});

describe('cost', () => {
  it('runs one extra cat-file for all callee modules, and none when no checked call needs one', () => {
    // `notify` comes from a module that is not in the repository: its candidates are read, in one batch.
    const touch = 'def touch(order_id, session=None):\n    """T.\n\n    Transaction boundary: Read-only.\n    """\n    notify(order_id)\n    return session.get(Order, order_id)\n';
    repo.stageFile('app/services/orders.py', `from app.notify import notify\n${ORDERS}\n\n${touch}`);
    const withCalls = traced([]);
    expect(withCalls.commands.filter((c) => c.startsWith('cat-file'))).toEqual(['cat-file --batch', 'cat-file --batch']);
    repo.reset();
    repo.commitFile('app/services/orders.py', `${ORDERS}\n`);
    repo.stageFile('app/services/orders.py', `${ORDERS}\n\ndef pure(x):\n    """P.\n\n    Transaction boundary: Pure computation.\n    """\n    return x\n`);
    const without = traced([]);
    expect(without.commands.filter((c) => c.startsWith('cat-file'))).toEqual(['cat-file --batch']);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('runs no cat-file at all when no Python file is staged', () => {
    repo.stageFile('README.md', '# service\n');
    const { run, commands } = traced([]);
    expect(run.code).toBe(0);
    expect(commands.filter((c) => c.startsWith('cat-file'))).toEqual([]);
  });
});
