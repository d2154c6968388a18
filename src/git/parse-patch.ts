import type { ChangedLines } from '../types.js';
import { unquotePath } from './unquote-path.js';

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The changed lines of each file in a zero-context patch (`git diff-index -p -U0 --dst-prefix=b/`), keyed by the path
 * after the change. A sample of what git prints:
 *
 *     diff --git a/x y.py b/z.py
 *     rename from x y.py
 *     rename to z.py
 *     --- a/x y.py<TAB>
 *     +++ b/z.py
 *     @@ -2 +2 @@ def f():
 *     -b
 *     +B
 *     @@ -7,2 +6,0 @@ class K:
 *     -c
 *     -d
 *
 * Hunk bodies are skipped by count, so a source line reading `++ b/x` (shown as `+++ b/x`) is never taken for a header.
 */
export function parsePatch(patch: string): Map<string, ChangedLines> {
  const files = new Map<string, ChangedLines>();
  let current: ChangedLines | null = null;
  let bodyLeft = 0;
  for (const line of patch.split('\n')) {
    // "\ No newline at end of file" markers are not counted among a hunk's lines.
    if (bodyLeft > 0) {
      if (!line.startsWith('\\')) bodyLeft--;
      continue;
    }
    if (line.startsWith('+++ ')) {
      current = startFile(files, line.slice(4));
      continue;
    }
    const hunk = HUNK_HEADER.exec(line);
    if (!hunk || !current) continue;
    const oldCount = hunk[1] === undefined ? 1 : Number(hunk[1]);
    const newStart = Number(hunk[2]);
    const newCount = hunk[3] === undefined ? 1 : Number(hunk[3]);
    if (newCount === 0) {
      current.deletedAfter.push(newStart);
    } else {
      current.added.push({ start: newStart, end: newStart + newCount - 1 });
    }
    bodyLeft = oldCount + newCount;
  }
  return files;
}

function startFile(files: Map<string, ChangedLines>, target: string): ChangedLines | null {
  // git appends a TAB to an unquoted name that contains a space, for GNU patch.
  const path = unquotePath(target.endsWith('\t') ? target.slice(0, -1) : target);
  if (!path.startsWith('b/')) return null; // /dev/null: the file is deleted
  const changes: ChangedLines = { added: [], deletedAfter: [] };
  files.set(path.slice(2), changes);
  return changes;
}
