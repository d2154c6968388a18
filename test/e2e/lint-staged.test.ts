/**
 * txboundary as a lint-staged task, driven the way a consumer runs it: the real
 * lint-staged package (linked into the consumer's node_modules, as npm would
 * install it) started by the real husky hook (`.husky/pre-commit` =
 * `lint-staged`, installed by husky's own installer) through a real
 * `git commit`. Husky 9 puts node_modules/.bin on the hook's PATH, so the hook
 * needs no `npx` (which would also ask the registry for npm updates).
 *
 * lint-staged passes every staged file matching a glob as an absolute path
 * (`txboundary check /…/shop/orders.py`), and hides the unstaged changes of
 * partially staged files while its tasks run. txboundary reads the index
 * either way; these tests pin that the two fit together.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerRepo, installHusky, installTxboundary } from '../helpers/consumer-repo.js';
import { FIXED, VIOLATION } from '../helpers/create-order.js';
import { createRepo, defPosition, type GitRepo, snapshotRepo } from '../helpers/git-repo.js';

const ESC = '\u001b';
const LINT_STAGED = fileURLToPath(new URL('../../node_modules/lint-staged', import.meta.url));

/** A second lint-staged task that records its arguments outside the repository (so it changes nothing lint-staged would stage). */
const RECORDER = `require('node:fs').appendFileSync(process.env.TXB_TASK_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');\n`;

/** `commit` runs the husky hook, which runs lint-staged, which runs the tasks. */
interface Consumer extends ConsumerRepo {
  /** Every run of the recorder task: the arguments lint-staged gave it. */
  taskRuns(): string[][];
}

/**
 * A Python repo with a package.json whose `lint-staged` key is `tasks`, where
 * `RECORD` in a command stands for `node <recorder script>`.
 */
function createConsumer(tasks: Record<string, string>): Consumer {
  const repo = createRepo();
  try {
    return setUpConsumer(repo, tasks);
  } catch (error) {
    repo.cleanup();
    throw error;
  }
}

function setUpConsumer(repo: GitRepo, tasks: Record<string, string>): Consumer {
  const recorder = join(repo.home, 'record-task.cjs');
  const log = join(repo.home, 'tasks.log');
  writeFileSync(recorder, RECORDER);
  const lintStaged = Object.fromEntries(Object.entries(tasks).map(([glob, command]) => [glob, command.replace('RECORD', `node ${recorder}`)]));
  repo.write('package.json', `${JSON.stringify({ name: 'shop', private: true, 'lint-staged': lintStaged }, null, 2)}\n`);
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('shop/__init__.py', '');
  repo.commitAll('init');

  // Vitest exports NODE_ENV=test (lint-staged then prints JSON events instead
  // of its usual output) and FORCE_TTY (lint-staged then forces colour): drop
  // both so lint-staged behaves as in a user's non-interactive commit.
  const env: NodeJS.ProcessEnv = { TXB_TASK_LOG: log, NODE_ENV: undefined, FORCE_TTY: undefined, NO_COLOR: '1' };

  // What `npm install --save-dev husky lint-staged txboundary` leaves behind.
  // lint-staged's own dependencies resolve from its realpath in this project.
  const consumer = installTxboundary(repo, env);
  symlinkSync(LINT_STAGED, repo.path('node_modules/lint-staged'), 'dir');
  symlinkSync('../lint-staged/bin/lint-staged.js', repo.path('node_modules/.bin/lint-staged'));
  repo.write('.husky/pre-commit', 'lint-staged\n');
  installHusky(repo);

  // Committing the hook itself goes through lint-staged: nothing matches → passes.
  repo.git('add', '.husky/pre-commit');
  const first = consumer.commit(['-m', 'add hook']);
  if (first.code !== 0) throw new Error(`committing the hook failed:\n${first.output}`);
  return {
    ...consumer,
    taskRuns: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as string[])
        : [],
  };
}

describe('lint-staged: "*.py": "txboundary check"', { timeout: 60_000 }, () => {
  let consumer: Consumer;
  let repo: GitRepo;

  beforeAll(() => {
    expect(existsSync(join(LINT_STAGED, 'bin/lint-staged.js')), 'lint-staged is not installed: run npm ci').toBe(true);
    consumer = createConsumer({ '*.py': 'txboundary check', '*.md': 'RECORD' });
    repo = consumer.repo;
  });
  afterEach(() => consumer.reset());
  afterAll(() => repo?.cleanup());

  it('blocks a commit with a staged violation and shows the diagnostic, then lets the fixed one through', () => {
    const before = consumer.head();
    repo.stageFile('shop/orders.py', VIOLATION);
    const blocked = consumer.commit(['-m', 'add orders']);
    expect(blocked.code).not.toBe(0);
    const { line, column } = defPosition(VIOLATION, 'create_order');
    expect(blocked.output).toContain('txboundary check');
    expect(blocked.output).toContain(`shop/orders.py:${line}:${column} TXB001`);
    expect(blocked.output).toContain('help:');
    expect(blocked.output).toContain('Transaction boundary: Single operation, automatically atomic.');
    expect(blocked.output).toContain('To bypass once: git commit --no-verify (or HUSKY=0 git commit), which also skips the other lint-staged tasks.');
    expect(consumer.head()).toBe(before);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('shop/orders.py');
    // lint-staged kept no backup stash behind.
    expect(repo.git('stash', 'list')).toBe('');

    repo.stageFile('shop/orders.py', FIXED);
    const passed = consumer.commit(['-m', 'add orders']);
    expect(passed.code, passed.output).toBe(0);
    expect(consumer.head()).not.toBe(before);
    expect(repo.git('show', 'HEAD:shop/orders.py')).toBe(FIXED);
  });

  it('reports TXB002 when a staged change drops a section', () => {
    repo.stageFile('shop/refunds.py', FIXED.replace(/create_order/g, 'create_refund'));
    expect(consumer.commit(['-m', 'refunds']).code).toBe(0);
    const before = consumer.head();
    repo.stageFile('shop/refunds.py', VIOLATION.replace(/create_order/g, 'create_refund'));
    const blocked = consumer.commit(['-m', 'refunds: drop docs']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('shop/refunds.py:1:5 TXB002');
    expect(consumer.head()).toBe(before);
  });

  it('a partially staged file keeps its unstaged edits, byte for byte, through a blocked and a passing commit', () => {
    repo.stageFile('shop/carts.py', FIXED.replace(/create_order/g, 'create_cart'));
    expect(consumer.commit(['-m', 'carts']).code).toBe(0);
    const before = consumer.head();

    // The index drops the section; the working tree adds unstaged edits on top.
    const staged = VIOLATION.replace(/create_order/g, 'create_cart');
    // An undocumented public function, unstaged: reported only if the working tree were read.
    const unstagedTail = '\n\n# unstaged \u2014 not part of this commit\ndef export_carts(session):\n    return session.query(Cart).all()\n';
    repo.stageFile('shop/carts.py', staged);
    repo.write('shop/carts.py', `${staged}${unstagedTail}`);
    const snapshot = snapshotRepo(repo);

    const blocked = consumer.commit(['-m', 'carts: drop docs']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('shop/carts.py:1:5 TXB002');
    expect(blocked.output).not.toContain('export_carts');
    expect(consumer.head()).toBe(before);
    expect(readFileSync(repo.path('shop/carts.py'), 'utf8')).toBe(`${staged}${unstagedTail}`);
    expect(repo.git('show', ':shop/carts.py')).toBe(staged);
    expect(snapshotRepo(repo)).toEqual(snapshot);

    // The fix is staged; the unstaged edits stay in the working tree only.
    const fixed = FIXED.replace(/create_order/g, 'create_cart').replace('Order(**data)', 'Cart(**data)');
    repo.stageFile('shop/carts.py', fixed);
    repo.write('shop/carts.py', `${fixed}${unstagedTail}`);
    const passed = consumer.commit(['-m', 'carts: build a Cart']);
    expect(passed.code, passed.output).toBe(0);
    expect(repo.git('show', 'HEAD:shop/carts.py')).toBe(fixed);
    expect(readFileSync(repo.path('shop/carts.py'), 'utf8')).toBe(`${fixed}${unstagedTail}`);
    expect(repo.git('diff', '--cached', '--name-only')).toBe('');
    expect(repo.git('diff', '--name-only').trim()).toBe('shop/carts.py');
  });

  it('other lint-staged tasks still run, with absolute paths, next to txboundary', () => {
    const runsBefore = consumer.taskRuns().length;
    repo.stageFile('shop/invoices.py', FIXED.replace(/create_order/g, 'create_invoice'));
    repo.stageFile('docs/invoices.md', '# Invoices\n');
    const result = consumer.commit(['-m', 'invoices']);
    expect(result.code, result.output).toBe(0);
    expect(consumer.taskRuns().slice(runsBefore)).toEqual([[repo.path('docs/invoices.md')]]);
    // The task wrote nothing into the repository, so nothing extra was committed.
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual(['docs/invoices.md', 'shop/invoices.py']);
  });

  it('lint-staged hands its colour decision to txboundary (FORCE_COLOR / NO_COLOR)', () => {
    repo.stageFile('shop/coupons.py', VIOLATION.replace('create_order', 'create_coupon'));
    const plain = consumer.commit(['-m', 'coupons']);
    expect(plain.code).not.toBe(0);
    expect(plain.output).toContain('shop/coupons.py:1:5 TXB001');
    expect(plain.output).not.toContain(`${ESC}[`);
    const coloured = consumer.commit(['-m', 'coupons'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(coloured.code).not.toBe(0);
    // txboundary's own line is coloured, not only lint-staged's.
    expect(coloured.output).toContain('shop/coupons.py:1:5');
    const upToCode = coloured.output.slice(0, coloured.output.indexOf('shop/coupons.py:1:5'));
    expect(upToCode.lastIndexOf(ESC)).toBeGreaterThan(upToCode.lastIndexOf('\n'));
  });

  it('a commit with no Python file staged does not run txboundary at all', () => {
    const before = consumer.head();
    repo.stageFile('docs/readme.md', '# Docs\n');
    const result = consumer.commit(['-m', 'docs']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain('txboundary');
    expect(consumer.head()).not.toBe(before);
  });

  it('test files passed by lint-staged are still excluded by txboundary’s own config', () => {
    const before = consumer.head();
    repo.stageFile('shop/tests/test_orders.py', VIOLATION.replace('create_order', 'test_create_order'));
    repo.stageFile('shop/conftest.py', VIOLATION);
    const result = consumer.commit(['-m', 'tests']);
    expect(result.code, result.output).toBe(0);
    expect(consumer.head()).not.toBe(before);
  });
});

describe('lint-staged: the glob decides which staged files txboundary checks', { timeout: 60_000 }, () => {
  let consumer: Consumer;
  let repo: GitRepo;

  beforeAll(() => {
    // Generated protobuf modules are left out by the glob, not by txboundary's config.
    consumer = createConsumer({ '!(*_pb2).py': 'txboundary check' });
    repo = consumer.repo;
  });
  afterAll(() => repo?.cleanup());

  it('reports only the files lint-staged passed, although both are staged', () => {
    const before = consumer.head();
    repo.stageFile('shop/orders_pb2.py', VIOLATION.replace('create_order', 'create_order_message'));
    repo.stageFile('shop/orders.py', VIOLATION);
    const blocked = consumer.commit(['-m', 'orders']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('shop/orders.py:1:5 TXB001');
    expect(blocked.output).not.toContain('orders_pb2');
    expect(blocked.output).toMatch(/1 problem in 1 file/);
    expect(consumer.head()).toBe(before);

    // Only the excluded file left with a violation: lint-staged passes nothing to txboundary.
    repo.git('rm', '-q', '--cached', 'shop/orders.py');
    const passed = consumer.commit(['-m', 'generated orders']);
    expect(passed.code, passed.output).toBe(0);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('shop/orders_pb2.py');
  });
});
