/**
 * Shared pieces of the edge-case suite (issue 3): a check that proves it left
 * the repository untouched, the fail-closed assertion, a pre-commit hook that
 * runs the built CLI, a throwaway installation with one dependency broken,
 * and a fake `git` that fails on purpose.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { configureTestIdentity, createTempDir, type GitRepo, hermeticEnv, openRepo, PROJECT_ROOT, type RunResult, snapshotRepo } from './git-repo.js';
import { CLI_PATH, type JsonRun, type RunCliOptions, runCheckJson, runCli } from './run-cli.js';

/**
 * `txboundary check --format json ...args` from `cwd` (the top level by
 * default), asserting the invariant of issue 3: index entries, staged and
 * unstaged diffs, status, refs and every working-tree byte are identical
 * before and after the run.
 */
export function checkUntouched(repo: GitRepo, args: string[] = [], options: RunCliOptions & { cwd?: string } = {}): JsonRun {
  const before = snapshotRepo(repo);
  const result = runCheckJson(resolve(repo.dir, options.cwd ?? '.'), args, { ...options, env: { ...repo.env, ...options.env } });
  expect(snapshotRepo(repo), 'the check changed the repository').toEqual(before);
  expect(result.stderr, 'a stack trace on stderr').not.toMatch(/^\s+at /m);
  return result;
}

/** Like `checkUntouched`, for any arguments (text output, failures). */
export function cliUntouched(repo: GitRepo, args: string[], options: RunCliOptions & { cwd?: string } = {}): RunResult {
  const before = snapshotRepo(repo);
  const result = runCli(resolve(repo.dir, options.cwd ?? '.'), args, { ...options, env: { ...repo.env, ...options.env } });
  expect(snapshotRepo(repo), 'the check changed the repository').toEqual(before);
  return result;
}

/** `CODE function@file:line`, sorted: a whole run in one `toEqual`. */
export function verdict(run: JsonRun): string[] {
  return run.json.violations.map((v) => `${v.code} ${v.function ?? '-'}@${v.file}:${v.line}`).sort();
}

/**
 * Failing closed (issue 3, item 3): exit status 2, nothing on stdout, one
 * line naming the cause (matched by `cause`) optionally followed by one
 * `hint:` line, and no stack trace.
 */
export function expectFailClosed(result: RunResult, cause: RegExp): void {
  const context = `exit ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
  expect(result.code, context).toBe(2);
  expect(result.stdout, context).toBe('');
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  expect(lines.length, context).toBeGreaterThanOrEqual(1);
  expect(lines.length, context).toBeLessThanOrEqual(2);
  expect(lines[0], context).toMatch(/^txboundary: /);
  expect(lines[0], context).toMatch(cause);
  if (lines.length === 2) expect(lines[1], context).toMatch(/^\s*hint: \S/);
  expect(result.stderr, context).not.toMatch(/^\s+at /m);
  expect(result.stderr, context).not.toMatch(/node:internal|file:\/\//);
}

/** The stderr says what to do next (a `hint:` line), not only what went wrong. */
export function expectNextStep(result: RunResult): void {
  expect(result.stderr).toMatch(/^\s*hint: \S/m);
}

/** `--debug` adds the stack trace of the failure. */
export function expectStack(result: RunResult): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

/** A shell script that runs the built CLI, with an absolute node, as a consumer's hook would. */
export function hookScript(extra = ''): string {
  return `#!/bin/sh\n${extra}exec "${process.execPath}" "${CLI_PATH}" check\n`;
}

/**
 * Installs a pre-commit hook outside the work tree (so snapshots do not see
 * it) and points `core.hooksPath` at it. Returns the hooks directory.
 */
export function installHook(repo: GitRepo, extra = ''): string {
  const hooks = join(repo.home, 'hooks');
  mkdirSync(hooks, { recursive: true });
  writeFileSync(join(hooks, 'pre-commit'), hookScript(extra));
  chmodSync(join(hooks, 'pre-commit'), 0o755);
  repo.git('config', 'core.hooksPath', hooks);
  return hooks;
}

/** `git ...args` that may fail (a blocked commit), with stdout and stderr together. */
export function gitTry(repo: GitRepo, args: string[], env: NodeJS.ProcessEnv = {}): RunResult & { output: string } {
  const result = repo.run(args, { allowFailure: true, env: { GIT_EDITOR: 'true', ...env } });
  return { ...result, output: result.stdout + result.stderr };
}

/**
 * Replaces `target`'s repository by `git clone ...args file://<source>`,
 * keeping its hermetic HOME and re-applying the test identity.
 */
export function cloneInto(target: GitRepo, source: GitRepo, args: string[]): void {
  rmSync(target.dir, { recursive: true, force: true });
  execFileSync(REAL_GIT, ['clone', '-q', ...args, `file://${source.dir}`, target.dir], { cwd: dirname(target.dir), env: target.env, stdio: 'pipe' });
  configureTestIdentity(target);
}

export type Breakage = 'grammar-missing' | 'grammar-corrupt' | 'runtime-missing' | 'runtime-wasm-corrupt';

/**
 * A throwaway "installation" of txboundary: `dist/` and `package.json`
 * copied, and no `node_modules/` at all (the built CLI needs none), with one
 * of the runtime files in `dist/` deleted or overwritten.
 */
export function brokenInstallation(breakage: Breakage): { cli: string; cleanup(): void } {
  const temp = createTempDir();
  const root = join(temp.dir, 'txboundary');
  cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'package.json'), join(root, 'package.json'));
  const file = {
    'grammar-missing': 'tree-sitter-python.wasm',
    'grammar-corrupt': 'tree-sitter-python.wasm',
    'runtime-missing': 'web-tree-sitter.js',
    'runtime-wasm-corrupt': 'web-tree-sitter.wasm',
  }[breakage];
  if (breakage.endsWith('-missing')) rmSync(join(root, 'dist', file));
  else writeFileSync(join(root, 'dist', file), 'this is not WebAssembly\n');
  return { cli: join(root, 'dist', 'cli.js'), cleanup: temp.cleanup };
}

/** The real git, found once, for fake gits to delegate to. */
export const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/**
 * A directory holding a fake `git`: a shell script that runs `body` (with the
 * subcommand in `$sub`, found past the global `-C dir` / `-c k=v` / `--flag`
 * options) and otherwise execs the real git.
 */
export function fakeGit(dir: string, body: string): string {
  const bin = join(dir, 'fake-git-bin');
  mkdirSync(bin, { recursive: true });
  const script = `#!/bin/sh
sub=""
skip=0
for arg in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$arg" in
    -C|-c) skip=1 ;;
    -*) ;;
    *) sub="$arg"; break ;;
  esac
done
${body}
exec "${REAL_GIT}" "$@"
`;
  writeFileSync(join(bin, 'git'), script);
  chmodSync(join(bin, 'git'), 0o755);
  return bin;
}

/** PATH with `bin` first and then the directories of node and git. */
export function pathWith(bin: string): string {
  return [bin, dirname(process.execPath), dirname(REAL_GIT)].join(':');
}

/**
 * A `GitRepo` over an existing directory that `createRepo` could not make
 * (a path with a newline, say): `git init` with the test identity, the
 * hermetic environment of `home`, and the same helpers.
 */
export function initRepoAt(dir: string, home: string, options: { bareGitDir?: string; initArgs?: string[] } = {}): GitRepo {
  mkdirSync(join(home, '.config'), { recursive: true });
  mkdirSync(dir, { recursive: true });
  // A bare repository driven with GIT_DIR/GIT_WORK_TREE, as `--git-dir=... --work-tree=...` aliases do.
  const env = hermeticEnv(home, options.bareGitDir ? { GIT_DIR: options.bareGitDir, GIT_WORK_TREE: dir } : {});
  const repo = openRepo({ dir, home, env, root: dir });
  if (options.bareGitDir) repo.run(['init', '-q', '--bare', '-b', 'main', '--template=', options.bareGitDir], { env: { GIT_DIR: undefined, GIT_WORK_TREE: undefined } });
  else repo.git('init', '-q', '-b', 'main', '--template=', ...(options.initArgs ?? []));
  configureTestIdentity(repo);
  return repo;
}
