import { lstatSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The bytes of the working-tree file at repo-relative `file`. A deleted
 * file, a symlink, a directory, or a file reached through a symlinked
 * directory (git does not follow those, and a write could land outside the
 * repository) is left alone, with the reason.
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
 * Writes in place (so the file keeps its mode, owner and links), unless an
 * editor saved it while txboundary ran. Returns why it did not write, or null.
 */
export function writeIfUnchanged(absolute: string, expected: Buffer, bytes: Buffer): string | null {
  try {
    if (!readFileSync(absolute).equals(expected)) return 'the file changed while txboundary was running; run it again';
    writeFileSync(absolute, bytes);
    return null;
  } catch (error) {
    return `it cannot be written: ${(error as Error).message}`;
  }
}
