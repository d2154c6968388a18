import { GitError } from '../errors.js';
import type { Git } from './exec.js';

/**
 * Reads many objects through one `git cat-file --batch` process, not one per object; `names` are anything
 * git-rev-parse(1) takes, one per line. For each, git prints
 *
 *     <oid> blob <size>\n<size bytes>\n
 *     :app/missing.py missing\n
 *
 * `missing` and `ambiguous` names carry no content: null.
 */
export async function catFileBatch(git: Git, names: readonly string[]): Promise<({ type: string; content: Buffer } | null)[]> {
  if (names.length === 0) return [];
  const args = ['cat-file', '--batch'];
  const { stdout } = await git(args, { input: `${names.join('\n')}\n` });
  const objects: Awaited<ReturnType<typeof catFileBatch>> = [];
  let offset = 0;
  for (const name of names) {
    const headerEnd = stdout.indexOf(0x0a, offset);
    if (headerEnd < 0) throw new GitError(args, `output ended before ${name}`, 0);
    const header = stdout.toString('utf8', offset, headerEnd);
    offset = headerEnd + 1;
    if (/ (?:missing|ambiguous)$/.test(header)) {
      objects.push(null);
      continue;
    }
    const [, type, sizeText] = header.split(' ');
    const size = Number(sizeText);
    if (type === undefined || sizeText === undefined || !Number.isSafeInteger(size)) {
      throw new GitError(args, `unexpected header "${header}" for ${name}`, 0);
    }
    const end = offset + size;
    if (end > stdout.length) throw new GitError(args, `${name} was cut short`, 0);
    objects.push({ type, content: stdout.subarray(offset, end) });
    offset = end + 1;
  }
  return objects;
}
