/**
 * Every temporary repository, HOME and cache of a test run lives under one
 * directory, removed when the run ends: a worker that is stopped without its
 * `exit` handlers leaves nothing behind in the system's temp directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const base = mkdtempSync(join(tmpdir(), 'txb-test-run-'));
  process.env.TMPDIR = base;
  return () => rmSync(base, { recursive: true, force: true });
}
