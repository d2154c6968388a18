import { GitError } from '../errors.js';
import { catFileBatch } from './cat-file.js';
import type { Git } from './exec.js';

/** The blobs with these ids, each read once; anything but a blob means the repository is damaged. */
export async function readBlobs(git: Git, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const objects = await catFileBatch(git, unique);
  return new Map(
    unique.map((oid, index) => {
      const object = objects[index];
      if (object?.type !== 'blob') throw new GitError(['cat-file', '--batch'], `expected blob ${oid}, got ${object ? `a ${object.type}` : 'nothing'}`, 0);
      return [oid, object.content];
    }),
  );
}
