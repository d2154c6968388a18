import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The bytes of the working-tree file at repo-relative `file`. Left alone, with the reason: a deleted file, a symlink,
 * a directory, or a file reached through a symlinked directory (git does not follow those; a write could escape the repository).
 */
export function readWorkingFile(topLevel: string, file: string): { absolute: string; bytes: Buffer } | { reason: string } {
  const absolute = path.join(topLevel, ...file.split('/'));
  try {
    const stat = lstatSync(absolute);
    if (realpathSync(path.dirname(absolute)) !== path.join(realpathSync(topLevel), path.dirname(file))) {
      return { reason: 'it sits below a symbolic link in the working tree' };
    }
    if (stat.isSymbolicLink()) return { reason: 'it is a symbolic link in the working tree' };
    if (!stat.isFile()) return { reason: 'it is not a regular file in the working tree' };
    return { absolute, bytes: readFileSync(absolute) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'it was deleted from the working tree' };
    return { reason: `it cannot be read: ${(error as Error).message}` };
  }
}

/**
 * Replaces the file with `bytes`, unless an editor saved it while txboundary ran. The bytes go to a new temporary file
 * beside it (created exclusively, so nothing planted there is followed or overwritten) with the file's mode (and owner,
 * where allowed), then renamed over the original: a full disk or any other failure leaves the original intact, byte for byte.
 * A file with other hard links is left alone, since the rename would split them. Returns why it did not write, or null.
 */
export function writeIfUnchanged(absolute: string, expected: Buffer, bytes: Buffer): string | null {
  let temporary: string | null = null;
  try {
    const stat = statSync(absolute);
    if (!readFileSync(absolute).equals(expected)) return 'the file changed while txboundary was running; run it again';
    if (stat.nlink > 1) return 'it has other hard links, which rewriting it would split';
    const candidate = path.join(path.dirname(absolute), `.${path.basename(absolute)}.txboundary-${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(candidate, 'wx', stat.mode & 0o7777);
    temporary = candidate;
    try {
      fchmodSync(fd, stat.mode & 0o7777);
      keepOwner(fd, stat);
      writeFileSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(candidate, absolute);
    temporary = null;
    return null;
  } catch (error) {
    return `it cannot be written (${(error as Error).message}); the file is unchanged`;
  } finally {
    if (temporary !== null) rmSync(temporary, { force: true });
  }
}

/** Only root may give a file away; anyone else writes files they own anyway. */
function keepOwner(fd: number, stat: Stats): void {
  try {
    fchownSync(fd, stat.uid, stat.gid);
  } catch {
    // EPERM: not root, and the new file is the writer's, as an in-place write would have kept it.
  }
}
