import { GitError } from '../errors.js';
import type { Git } from './exec.js';

/**
 * Reads files by path from one revision through a single
 * `git cat-file --batch` process. `revision` is a commit (`<commit>:path`)
 * or null for the index (`:path`, stage 0 — what the next commit holds,
 * honouring GIT_INDEX_FILE); see gitrevisions(7), "<rev>:<path>" and
 * ":[<n>:]<path>". For each name on its input git prints
 *
 *     <oid> blob <size>\n<size bytes>\n
 *     :app/missing.py missing\n
 *
 * A path that is not there, or is not a file (a tree, a submodule), comes
 * back as null. Paths with a newline cannot be named this way: also null.
 */
export async function readRevisionFiles(git: Git, revision: string | null, paths: readonly string[]): Promise<Map<string, Buffer | null>> {
  const files = new Map<string, Buffer | null>();
  const named = [...new Set(paths)].filter((path) => {
    if (!/[\n\r]/.test(path)) return true;
    files.set(path, null);
    return false;
  });
  if (named.length === 0) return files;
  const args = ['cat-file', '--batch'];
  const { stdout } = await git(args, { input: `${named.map((path) => `${revision ?? ''}:${path}`).join('\n')}\n` });
  let offset = 0;
  for (const path of named) {
    const headerEnd = stdout.indexOf(0x0a, offset);
    if (headerEnd < 0) throw new GitError(args, `output ended before ${path}`, 0);
    const header = stdout.toString('utf8', offset, headerEnd);
    offset = headerEnd + 1;
    // `<name> missing` and `<name> ambiguous` carry no content.
    if (/ (?:missing|ambiguous)$/.test(header)) {
      files.set(path, null);
      continue;
    }
    const [, type, sizeText] = header.split(' ');
    const size = Number(sizeText);
    if (type === undefined || sizeText === undefined || !Number.isSafeInteger(size)) {
      throw new GitError(args, `unexpected header "${header}" for ${path}`, 0);
    }
    const end = offset + size;
    if (end > stdout.length) throw new GitError(args, `${path} was cut short`, 0);
    files.set(path, type === 'blob' ? stdout.subarray(offset, end) : null);
    offset = end + 1;
  }
  return files;
}
