import { GitError, UserError } from '../errors.js';
import type { Git } from './exec.js';

/**
 * Resolves `--base REF [--head REF]` to the commits CI range mode compares: merge-base(REF, head) and head.
 * `git merge-base` answers
 *
 *     0f29af97ce0048c89c46676aa35accaf966e63c1
 *
 * or prints nothing and exits 1 when the histories share no commit (often a shallow clone not reaching back far enough).
 */
export async function resolveRange(git: Git, baseRef: string, headRef: string): Promise<{ base: string; head: string }> {
  const head = await resolveCommit(git, headRef, '--head');
  await resolveCommit(git, baseRef, '--base');
  const { stdout, exitCode } = await git(['merge-base', baseRef, head], { okExitCodes: [1] });
  const base = stdout.toString('utf8').trim();
  if (exitCode === 1 || !base) {
    throw new UserError(
      `${baseRef} and ${headRef} share no history in this clone`,
      'the clone is probably too shallow: fetch more history (git fetch --deepen=200, or fetch-depth: 0 in actions/checkout)',
    );
  }
  return { base, head };
}

async function resolveCommit(git: Git, ref: string, option: string): Promise<string> {
  if (ref.startsWith('-')) throw new UserError(`${option} ${ref} is not a revision`, `pass a branch, tag or commit to ${option}`);
  try {
    const { stdout } = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return stdout.toString('utf8').trim();
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new UserError(`${option} ${ref}: no such commit in this clone`, 'fetch it first (e.g. git fetch origin main, or fetch-depth: 0 in actions/checkout) and pass it as origin/main');
  }
}
