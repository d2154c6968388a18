import { spawn } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import { GitError, UserError } from '../errors.js';

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

export interface GitRunOptions {
  /** Bytes written to git's standard input, which is then closed. */
  input?: Buffer | string;
  /** Exit statuses that are answers rather than failures (e.g. 1 for "no HEAD yet"). */
  okExitCodes?: readonly number[];
}

/** Runs git; the only door through which txboundary reaches git. */
export type Git = (args: readonly string[], options?: GitRunOptions) => Promise<GitResult>;

/**
 * Variables git reads relative to the directory it was started in, made absolute so `-C <top level>` (see atTopLevel)
 * keeps their meaning. Not GIT_INDEX_FILE: git reads it relative to the top level.
 */
const CWD_RELATIVE_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY'];

/** The git runner for `cwd`. Arguments go as an array (no shell), so file names never need quoting. */
export function createGit(cwd: string): Git {
  const env = { ...process.env };
  for (const name of CWD_RELATIVE_VARIABLES) {
    const value = env[name];
    if (value && !isAbsolute(value)) env[name] = resolve(cwd, value);
  }
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', args, { cwd, env });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      // git may exit before reading its input (e.g. on a bad argument); the exit status tells that better than EPIPE.
      child.stdin.on('error', () => {});
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') {
          reject(new UserError('git was not found on PATH', 'install git or add it to PATH, then commit again'));
        } else {
          reject(new GitError(args, error.message, null));
        }
      });
      child.on('close', (code, signal) => {
        const exitCode = code ?? 128;
        const stderrText = Buffer.concat(stderr).toString('utf8');
        if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) {
          resolve({ stdout: Buffer.concat(stdout), stderr: stderrText, exitCode });
        } else {
          const why = signal ? `${stderrText}\nkilled by ${signal}` : stderrText;
          reject(new GitError(args, why, code));
        }
      });
      child.stdin.end(options.input ?? '');
    });
}

/** The same runner from the top of the work tree, where repo-relative paths mean what they say. */
export function atTopLevel(git: Git, topLevel: string): Git {
  return (args, options) => git(['-C', topLevel, ...args], options);
}
