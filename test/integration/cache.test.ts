/**
 * The cache of cleanly parsed statements (src/cache/clean-blocks.ts) through
 * the CLI: where it lives, `--no-cache`, and that it never changes a verdict.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo } from '../helpers/git-repo.js';
import { runCheckJson } from '../helpers/run-cli.js';

const SERVICE = dedent`
  from app.db import session_scope


  def get_order(session, order_id):
      """Read one order.

      Transaction boundary: read-only.
      """
      return session.get(Order, order_id)


  def cancel_order(session, order_id):
      """Cancel an order."""
      order = session.get(Order, order_id)
      order.status = "cancelled"
      session.add(order)


  def archive(session):
      """Archive old orders.

      Transaction boundary: multi-step atomic.
      """
      session.execute(delete(Order))
`;

let repo: GitRepo;
let scratch: string;
beforeAll(() => {
  repo = createRepo({ files: { 'svc/orders.py': SERVICE }, commit: 'init' });
  repo.stageFile('svc/orders.py', SERVICE.replace('order.status = "cancelled"', 'order.status = "canceled"'));
  scratch = mkdtempSync(join(tmpdir(), 'txb-cache-cli-'));
});
afterAll(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the cache of clean statements', { timeout: 30_000 }, () => {
  it('is written under $TXBOUNDARY_CACHE_DIR and changes nothing in the answer', () => {
    const dir = join(scratch, 'cache');
    const env = { TXBOUNDARY_CACHE_DIR: dir };
    const first = runCheckJson(repo.dir, [], { env });
    expect(first.code).toBe(1);
    expect(first.json.violations.map((v) => `${v.code} ${v.function}`)).toEqual(['TXB001 cancel_order']);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^clean-blocks-[\w-]{12}\.bin$/)]);
    const second = runCheckJson(repo.dir, [], { env });
    expect(second.json).toEqual(first.json);
    expect(second.code).toBe(1);
  });

  it('is neither read nor written with --no-cache', () => {
    const dir = join(scratch, 'unused');
    const run = runCheckJson(repo.dir, ['--no-cache'], { env: { TXBOUNDARY_CACHE_DIR: dir } });
    expect(run.code).toBe(1);
    expect(existsSync(dir)).toBe(false);
  });

  it('is optional: a cache that cannot be written is skipped without a word', () => {
    const blocked = join(scratch, 'a-file');
    writeFileSync(blocked, '');
    const run = runCheckJson(repo.dir, [], { env: { TXBOUNDARY_CACHE_DIR: join(blocked, 'cache') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.json.violations.map((v) => v.code)).toEqual(['TXB001']);
  });
});
