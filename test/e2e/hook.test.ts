/**
 * A real `git commit` through the real hook, installed the way a consumer
 * installs it: the project's `hooks/pre-commit` copied to `.husky/pre-commit`,
 * `node_modules/.bin/txboundary` linked to the built CLI (as npm would), and
 * husky's own installer setting `core.hooksPath=.husky/_`.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerRepo, installHusky, installTxboundary } from '../helpers/consumer-repo.js';
import { FIXED, VIOLATION } from '../helpers/create-order.js';
import { createRepo, defPosition, type GitRepo } from '../helpers/git-repo.js';

const HOOK = fileURLToPath(new URL('../../hooks/pre-commit', import.meta.url));

describe('pre-commit hook installed with husky', { timeout: 30_000 }, () => {
  let consumer: ConsumerRepo;
  let repo: GitRepo;

  beforeAll(() => {
    expect(existsSync(HOOK), `${HOOK} is missing`).toBe(true);
    repo = createRepo({ files: { 'README.md': '# shop\n', '.gitignore': 'node_modules/\n' }, commit: 'init' });
    consumer = installTxboundary(repo);

    mkdirSync(repo.path('.husky'));
    copyFileSync(HOOK, repo.path('.husky/pre-commit'));
    installHusky(repo);
    expect(repo.git('config', '--get', 'core.hooksPath').trim()).toBe('.husky/_');

    // Committing the hook itself goes through the hook: no Python staged → passes.
    repo.git('add', '.husky/pre-commit');
    const first = consumer.commit(['-m', 'add hook']);
    expect(first.code, first.output).toBe(0);
    // Nothing to check, nothing said (the rest is git's own summary).
    expect(first.output).not.toContain('txboundary');
  });
  afterEach(() => consumer.reset());
  afterAll(() => repo.cleanup());

  it('blocks a commit with a staged violation, then lets the fixed one through', () => {
    const before = consumer.head();
    repo.stageFile('shop/orders.py', VIOLATION);
    const blocked = consumer.commit(['-m', 'add orders']);
    expect(blocked.code).not.toBe(0);
    const { line, column } = defPosition(VIOLATION, 'create_order');
    expect(blocked.output).toContain('TXB001');
    expect(blocked.output).toContain(`shop/orders.py:${line}:${column}`);
    expect(blocked.output).toContain('help:');
    expect(blocked.output).toContain('Transaction boundary: Single operation, automatically atomic.');
    expect(blocked.output).toContain('To bypass once: git commit --no-verify (or HUSKY=0 git commit).');
    expect(consumer.head()).toBe(before);
    // The blocked commit left the staged change in place.
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('shop/orders.py');

    repo.stageFile('shop/orders.py', FIXED);
    const passed = consumer.commit(['-m', 'add orders']);
    expect(passed.code, passed.output).toBe(0);
    expect(consumer.head()).not.toBe(before);
    expect(repo.git('show', 'HEAD:shop/orders.py')).toBe(FIXED);
  });

  it('git commit --no-verify bypasses the hook', () => {
    const before = consumer.head();
    repo.stageFile('shop/refunds.py', VIOLATION.replace('create_order', 'create_refund'));
    const result = consumer.commit(['--no-verify', '-m', 'refunds']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain('TXB001');
    expect(consumer.head()).not.toBe(before);
  });

  it('HUSKY=0 git commit bypasses the hook', () => {
    const before = consumer.head();
    repo.stageFile('shop/coupons.py', VIOLATION.replace('create_order', 'create_coupon'));
    const result = consumer.commit(['-m', 'coupons'], { HUSKY: '0' });
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain('TXB001');
    expect(consumer.head()).not.toBe(before);
  });

  it('the index decides: fixed in the index, broken in the working tree → commits the index', () => {
    const before = consumer.head();
    repo.stageFile('shop/invoices.py', FIXED);
    repo.write('shop/invoices.py', VIOLATION);
    const result = consumer.commit(['-m', 'invoices']);
    expect(result.code, result.output).toBe(0);
    expect(consumer.head()).not.toBe(before);
    expect(repo.git('show', 'HEAD:shop/invoices.py')).toBe(FIXED);
  });

  it('the index decides: broken in the index, fixed in the working tree → blocked', () => {
    const before = consumer.head();
    repo.stageFile('shop/carts.py', VIOLATION);
    repo.write('shop/carts.py', FIXED);
    const result = consumer.commit(['-m', 'carts']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('shop/carts.py:1:5');
    expect(consumer.head()).toBe(before);
  });

  it('git commit -a checks the temporary index git builds (GIT_INDEX_FILE)', () => {
    repo.stageFile('shop/stock.py', FIXED);
    expect(consumer.commit(['-m', 'stock']).code).toBe(0);
    const before = consumer.head();
    // Unstaged in the real index; `commit -a` stages it into a temporary one.
    repo.write('shop/stock.py', VIOLATION);
    const result = consumer.commit(['-a', '-m', 'stock: drop docs']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('TXB002');
    expect(consumer.head()).toBe(before);
  });

  it('git commit <path> checks only what that commit will contain', () => {
    repo.stageFile('shop/tax.py', FIXED);
    repo.stageFile('shop/fees.py', FIXED);
    expect(consumer.commit(['-m', 'tax and fees']).code).toBe(0);
    const before = consumer.head();
    // fees.py loses its section but is not part of `git commit shop/tax.py`.
    repo.stageFile('shop/fees.py', VIOLATION);
    repo.write('shop/tax.py', FIXED.replace('Order(**data)', 'Order(**data, taxed=True)'));
    const ok = consumer.commit(['-m', 'tax only', '--', 'shop/tax.py']);
    expect(ok.code, ok.output).toBe(0);
    expect(consumer.head()).not.toBe(before);
    // And the other way round: committing only fees.py is blocked.
    const blocked = consumer.commit(['-m', 'fees only', '--', 'shop/fees.py']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('shop/fees.py');
  });

  it('a commit started from a subdirectory is checked like one from the top', () => {
    const before = consumer.head();
    repo.stageFile('shop/deep/nested/ship.py', VIOLATION.replace('create_order', 'create_shipment'));
    const result = repo.run(['commit', '-m', 'ship'], { cwd: 'shop/deep', allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('shop/deep/nested/ship.py:1:5');
    expect(consumer.head()).toBe(before);
  });
});

describe('the shipped hook without a usable txboundary', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({ files: { 'README.md': '# shop\n', '.gitignore': 'node_modules/\n' }, commit: 'init' });
    repo.git('config', 'core.hooksPath', 'hooks');
    mkdirSync(repo.path('hooks'));
    copyFileSync(HOOK, repo.path('hooks/pre-commit'));
  });
  afterAll(() => repo.cleanup());

  it('says to install a release tag when npm installed a source commit without dist/, and blocks', () => {
    // What `npm install <git URL>#<source commit>` leaves: npm builds nothing for a git install.
    repo.write('node_modules/txboundary/package.json', '{ "name": "txboundary", "bin": { "txboundary": "dist/cli.js" } }\n');
    repo.stageFile('notes.md', 'x\n');
    const result = repo.run(['commit', '-m', 'notes'], { allowFailure: true, env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` } });
    expect(result.code).not.toBe(0);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(result.stderr).toMatch(/^txboundary: node_modules\/txboundary has no dist\/: it was installed from a source commit; install a release tag/m);
  });
});
