import { GitError, UserError } from '../errors.js';
import type { Git } from './exec.js';

export interface Repository {
  /** Absolute, as git spells it. */
  topLevel: string;
  /** Null on an unborn branch (the first commit). */
  head: string | null;
  /** In this repository's hash: the base of a first commit. */
  emptyTree: string;
}

const EMPTY_TREE = {
  sha1: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
} as const;

/**
 * Where the work tree is and what HEAD is, in one process:
 * `git rev-parse --show-toplevel --show-object-format --verify -q HEAD` prints
 *     /path/to/repo
 *     sha1
 *     0f29af97ce0048c89c46676aa35accaf966e63c1
 * and on an unborn branch prints the first two lines, then exits 1.
 */
export async function readRepository(git: Git): Promise<Repository> {
  const args = ['rev-parse', '--show-toplevel', '--show-object-format', '--verify', '-q', 'HEAD'];
  let result: Awaited<ReturnType<Git>>;
  try {
    result = await git(args, { okExitCodes: [1] });
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.stderr)) {
      throw new UserError('not inside a git repository', 'run txboundary from within the repository you commit to');
    }
    if (error instanceof GitError && /must be run in a work tree|--show-toplevel/i.test(error.stderr)) {
      throw new UserError('this git repository has no work tree', 'run txboundary from a checkout, not a bare repository');
    }
    throw error;
  }
  // Read from the end: the top level is the one line that may itself hold a newline.
  const lines = result.stdout.toString('utf8').replace(/\n$/, '').split('\n');
  const head = result.exitCode === 0 ? (lines.pop() ?? '') : null;
  const objectFormat = lines.pop();
  const topLevel = lines.join('\n');
  if (!topLevel || (objectFormat !== 'sha1' && objectFormat !== 'sha256') || head === '') {
    throw new GitError(args, `unexpected output: ${JSON.stringify(result.stdout.toString('utf8'))}`, result.exitCode);
  }
  return { topLevel, head, emptyTree: EMPTY_TREE[objectFormat] };
}
