import { GitError } from '../errors.js';
import type { Git } from './exec.js';

/**
 * Reads many blobs through a single `git cat-file --batch` process instead
 * of one process per file. For each id written to its input, git prints
 *
 *     <oid> blob <size>\n<size bytes>\n
 *
 * or `<oid> missing\n` when the object is not in the repository.
 */
export async function readBlobs(git: Git, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  if (unique.length === 0) return blobs;
  const args = ['cat-file', '--batch'];
  const { stdout } = await git(args, { input: `${unique.join('\n')}\n` });
  let offset = 0;
  for (const oid of unique) {
    const headerEnd = stdout.indexOf(0x0a, offset);
    if (headerEnd < 0) throw new GitError(args, `output ended before blob ${oid}`, 0);
    const header = stdout.toString('utf8', offset, headerEnd);
    const [, type, sizeText] = header.split(' ');
    if (type !== 'blob' || sizeText === undefined) {
      throw new GitError(args, `expected blob ${oid}, got "${header}"`, 0);
    }
    const start = headerEnd + 1;
    const end = start + Number(sizeText);
    if (end > stdout.length) throw new GitError(args, `blob ${oid} was cut short`, 0);
    blobs.set(oid, stdout.subarray(start, end));
    offset = end + 1;
  }
  return blobs;
}
