import { catFileBatch } from './cat-file.js';
import type { Git } from './exec.js';

/**
 * Files by path from one revision: a commit (`<commit>:path`) or null for the index (`:path`, stage 0 — what the next
 * commit holds, honouring GIT_INDEX_FILE); see gitrevisions(7), "<rev>:<path>" and ":[<n>:]<path>".
 * Null for a path that is not there, not a file (a tree, a submodule), or holds a newline (it cannot be named this way).
 */
export async function readRevisionFiles(git: Git, revision: string | null, paths: readonly string[]): Promise<Map<string, Buffer | null>> {
  const unique = [...new Set(paths)];
  const named = unique.filter((path) => !/[\n\r]/.test(path));
  const names = named.map((path) => `${revision ?? ''}:${path}`);
  const objects = await catFileBatch(git, names);
  const files = new Map<string, Buffer | null>(unique.map((path) => [path, null]));
  named.forEach((path, index) => {
    const object = objects[index];
    if (object?.type === 'blob') files.set(path, object.content);
  });
  return files;
}
