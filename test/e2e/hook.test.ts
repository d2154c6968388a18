/**
 * A real `git commit` through the real hook, installed the way a consumer
 * installs it: the project's `hooks/pre-commit` copied to `.husky/pre-commit`,
 * `node_modules/.bin/txboundary` linked to the built CLI (as npm would), and
 * husky's own installer setting `core.hooksPath=.husky/_`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, defPosition, type GitRepo } from '../helpers/git-repo.js';
import { CLI_PATH } from '../helpers/run-cli.js';

const HOOK = fileURLToPath(new URL('../../hooks/pre-commit', import.meta.url));
const HUSKY_BIN = fileURLToPath(new URL('../../node_modules/husky/bin.js', import.meta.url));

const VIOLATION = dedent`
  def create_order(session, data):
      order = Order(**data)
      session.add(order)
      return order
`;

const FIXED = dedent`
  def create_order(session, data):
      """Create an order.

      Transaction boundary: Single operation, automatically atomic.
          With a session the caller controls commit/rollback.
      """
      order = Order(**data)
      session.add(order)
      return order
`;

describe('pre-commit hook installed with husky', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  const head = () => repo.git('rev-parse', 'HEAD').trim();
  const commit = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = repo.run(['commit', ...args], { allowFailure: true, env });
    return { ...result, output: result.stdout + result.stderr };
  };

  beforeAll(() => {
    expect(existsSync(HOOK), `${HOOK} is missing`).toBe(true);
    expect(existsSync(CLI_PATH), `${CLI_PATH} is missing: run npm run build`).toBe(true);
    repo = createRepo({ files: { 'README.md': '# shop\n', '.gitignore': 'node_modules/\n' }, commit: 'init' });

    mkdirSync(repo.path('.husky'));
    copyFileSync(HOOK, repo.path('.husky/pre-commit'));
    mkdirSync(repo.path('node_modules/.bin'), { recursive: true });
    symlinkSync(CLI_PATH, repo.path('node_modules/.bin/txboundary'));

    const install = spawnSync(process.execPath, [HUSKY_BIN], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(install.status, install.stderr + install.stdout).toBe(0);
    expect(repo.git('config', '--get', 'core.hooksPath').trim()).toBe('.husky/_');

    // Committing the hook itself goes through the hook: no Python staged → passes.
    repo.git('add', '.husky/pre-commit');
    const first = commit(['-m', 'add hook']);
    expect(first.code, first.output).toBe(0);
  });
  afterEach(() => {
    // Not `clean -x`: node_modules/ and .husky/_ are ignored and must stay.
    repo.git('reset', '-q', '--hard');
    repo.git('clean', '-q', '-fd');
  });
  afterAll(() => repo.cleanup());

  it('blocks a commit with a staged violation, then lets the fixed one through', () => {
    const before = head();
    repo.stageFile('shop/orders.py', VIOLATION);
    const blocked = commit(['-m', 'add orders']);
    expect(blocked.code).not.toBe(0);
    const { line, column } = defPosition(VIOLATION, 'create_order');
    expect(blocked.output).toContain('TXB001');
    expect(blocked.output).toContain(`shop/orders.py:${line}:${column}`);
    expect(blocked.output).toContain('help:');
    expect(blocked.output).toContain('Transaction boundary: Single operation, automatically atomic.');
    expect(head()).toBe(before);
    // The blocked commit left the staged change in place.
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('shop/orders.py');

    repo.stageFile('shop/orders.py', FIXED);
    const passed = commit(['-m', 'add orders']);
    expect(passed.code, passed.output).toBe(0);
    expect(head()).not.toBe(before);
    expect(repo.git('show', 'HEAD:shop/orders.py')).toBe(FIXED);
  });

  it('git commit --no-verify bypasses the hook', () => {
    const before = head();
    repo.stageFile('shop/refunds.py', VIOLATION.replace('create_order', 'create_refund'));
    const result = commit(['--no-verify', '-m', 'refunds']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain('TXB001');
    expect(head()).not.toBe(before);
  });

  it('HUSKY=0 git commit bypasses the hook', () => {
    const before = head();
    repo.stageFile('shop/coupons.py', VIOLATION.replace('create_order', 'create_coupon'));
    const result = commit(['-m', 'coupons'], { HUSKY: '0' });
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain('TXB001');
    expect(head()).not.toBe(before);
  });

  it('the index decides: fixed in the index, broken in the working tree → commits the index', () => {
    const before = head();
    repo.stageFile('shop/invoices.py', FIXED);
    repo.write('shop/invoices.py', VIOLATION);
    const result = commit(['-m', 'invoices']);
    expect(result.code, result.output).toBe(0);
    expect(head()).not.toBe(before);
    expect(repo.git('show', 'HEAD:shop/invoices.py')).toBe(FIXED);
  });

  it('the index decides: broken in the index, fixed in the working tree → blocked', () => {
    const before = head();
    repo.stageFile('shop/carts.py', VIOLATION);
    repo.write('shop/carts.py', FIXED);
    const result = commit(['-m', 'carts']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('shop/carts.py:1:5');
    expect(head()).toBe(before);
  });

  it('git commit -a checks the temporary index git builds (GIT_INDEX_FILE)', () => {
    repo.stageFile('shop/stock.py', FIXED);
    expect(commit(['-m', 'stock']).code).toBe(0);
    const before = head();
    // Unstaged in the real index; `commit -a` stages it into a temporary one.
    repo.write('shop/stock.py', VIOLATION);
    const result = commit(['-a', '-m', 'stock: drop docs']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('TXB002');
    expect(head()).toBe(before);
  });

  it('git commit <path> checks only what that commit will contain', () => {
    repo.stageFile('shop/tax.py', FIXED);
    repo.stageFile('shop/fees.py', FIXED);
    expect(commit(['-m', 'tax and fees']).code).toBe(0);
    const before = head();
    // fees.py loses its section but is not part of `git commit shop/tax.py`.
    repo.stageFile('shop/fees.py', VIOLATION);
    repo.write('shop/tax.py', FIXED.replace('Order(**data)', 'Order(**data, taxed=True)'));
    const ok = commit(['-m', 'tax only', '--', 'shop/tax.py']);
    expect(ok.code, ok.output).toBe(0);
    expect(head()).not.toBe(before);
    // And the other way round: committing only fees.py is blocked.
    const blocked = commit(['-m', 'fees only', '--', 'shop/fees.py']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('shop/fees.py');
  });

  it('a commit started from a subdirectory is checked like one from the top', () => {
    const before = head();
    repo.stageFile('shop/deep/nested/ship.py', VIOLATION.replace('create_order', 'create_shipment'));
    const result = repo.run(['commit', '-m', 'ship'], { cwd: 'shop/deep', allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('shop/deep/nested/ship.py:1:5');
    expect(head()).toBe(before);
  });
});
