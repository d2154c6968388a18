/**
 * Every temporary repository, HOME and cache of a test run lives under one
 * directory, removed when the run ends: a worker that is stopped without its
 * `exit` handlers leaves nothing behind in the system's temp directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  // Reports meant to outlive the run (the differential test's) go to the temp directory it started with.
  process.env.TXB_LASTING_TMPDIR ??= tmpdir();
  const base = mkdtempSync(join(tmpdir(), 'txb-test-run-'));
  process.env.TMPDIR = base;
  return () => rmSync(base, { recursive: true, force: true });
}
