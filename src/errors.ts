/** The user asked for something that cannot be done; `hint` says what to do instead. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A git command failed: names the exact command and quotes git's own words. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
    readonly hint = 'check the repository with git status (and git fsck), then commit again; bypass once with git commit --no-verify',
  ) {
    const reason = stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit status ${exitCode}`;
    super(`\`git ${args.join(' ')}\` failed: ${reason}`);
  }
}
