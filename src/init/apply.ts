import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitError, UserError } from '../errors.js';
import type { Git } from '../git/exec.js';
import type { InitPlan } from './action.js';
import { type InitState, SETUP_FILES } from './plan.js';

/**
 * The top level of the work tree `git` runs in: `git rev-parse --show-toplevel` prints the absolute path (`/home/me/shop`).
 * It fails outside a repository with "fatal: not a git repository", in a bare one with
 * "fatal: this operation must be run in a work tree".
 */
export async function findTopLevel(git: Git): Promise<string> {
  try {
    const { stdout } = await git(['rev-parse', '--show-toplevel']);
    const topLevel = stdout.toString('utf8').replace(/\r?\n$/, '');
    if (topLevel === '') throw new GitError(['rev-parse', '--show-toplevel'], 'printed no path', 0);
    return topLevel;
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.stderr)) {
      throw new UserError(
        'not inside a git repository: txboundary init sets up the repository it runs in',
        'cd into your Python project (run git init first if it has no repository yet), then run txboundary init again',
      );
    }
    if (error instanceof GitError && /must be run in a work tree/i.test(error.stderr)) {
      throw new UserError('this git repository has no work tree', 'run txboundary init in a checkout, not in a bare repository');
    }
    throw error;
  }
}

/** `git config --get core.hooksPath`: exit status 1 means unset. */
async function readHooksPath(git: Git, topLevel: string): Promise<string | null> {
  const result = await git(['-C', topLevel, 'config', '--get', 'core.hooksPath'], { okExitCodes: [1] });
  return result.exitCode === 1 ? null : result.stdout.toString('utf8').trim() || null;
}

/** Everything `planInit` looks at. */
export async function readInitState(git: Git, topLevel: string, version: string): Promise<InitState> {
  const read = (file: string) => readIfExists(topLevel, file);
  return {
    dirName: path.basename(topLevel),
    version,
    files: {
      packageJson: read('package.json'),
      gitignore: read('.gitignore'),
      huskyHook: read('.husky/pre-commit'),
      preCommitConfig: read('.pre-commit-config.yaml'),
      rcFile: read('.txboundaryrc.json'),
      pyproject: read('pyproject.toml'),
    },
    hooksPath: await readHooksPath(git, topLevel),
    uncommitted: await readUncommitted(git, topLevel),
  };
}

/**
 * The set-up files git sees as untracked or changed, so the `git add` step names a package.json an earlier run created, too.
 * `git status --porcelain -z` (v1: stable across git versions, deaf to color and status settings) prints `XY path\0` per
 * entry: `?? package.json`, ` M .gitignore`. A rename adds its old path as a second entry, which names no set-up file.
 */
async function readUncommitted(git: Git, topLevel: string): Promise<string[]> {
  const { stdout } = await git(['-C', topLevel, 'status', '--porcelain', '-z', '--untracked-files=all', '--', ...SETUP_FILES]);
  const paths = stdout
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
  return SETUP_FILES.filter((file) => paths.includes(file));
}

/** Writes what the plan says, in order. New files are opened with `wx`: one that appeared since it was read is never overwritten. */
export function applyPlan(plan: InitPlan, topLevel: string): void {
  for (const action of plan.actions) {
    if (action.content === undefined) continue;
    const absolute = path.join(topLevel, ...action.path.split('/'));
    try {
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(absolute, action.content, { flag: action.kind === 'create' ? 'wx' : 'w' });
    } catch (error) {
      const done = plan.actions.slice(0, plan.actions.indexOf(action)).filter((earlier) => earlier.content !== undefined);
      const already = done.length > 0 ? ` (${done.map((earlier) => earlier.path).join(', ')} already written)` : '';
      throw new UserError(`cannot write ${action.path}: ${(error as Error).message}${already}`, 'fix the cause, then run txboundary init again: it skips what is already done');
    }
  }
}

function readIfExists(topLevel: string, file: string): string | null {
  try {
    return readFileSync(path.join(topLevel, ...file.split('/')), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') throw new UserError(`${file} is a directory, where txboundary init expects a file`, 'rename or remove it, then run txboundary init again');
    throw new UserError(`cannot read ${file}: ${(error as Error).message}`, 'check the file permissions, then run txboundary init again');
  }
}
