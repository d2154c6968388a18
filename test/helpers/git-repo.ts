/**
 * A hermetic temporary git repository for integration and e2e tests.
 *
 * Every git process (and, through `repo.env`, every CLI process) runs with
 * `HOME` and `XDG_CONFIG_HOME` pointing into the temp root and with
 * `GIT_CONFIG_NOSYSTEM=1`, so neither the developer's `~/.gitconfig` nor
 * `/etc/gitconfig` can change diff prefixes, colours, rename detection or
 * hooks. `GIT_*` variables inherited from the parent process are dropped:
 * when the suite itself runs inside a git hook, git exports `GIT_INDEX_FILE`
 * (and sometimes `GIT_DIR`), which would otherwise point every spawned git at
 * the project's own repository.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project under test; no test repository may ever live inside it. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const TEMP_BASE = realpathSync(tmpdir());

function assertOutsideProject(path: string): void {
  const rel = relative(PROJECT_ROOT, path);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new Error(`Refusing to run git tests inside the project itself (${path} is under ${PROJECT_ROOT}). Point TMPDIR somewhere outside the project.`);
  }
}

/**
 * The environment for every process a test spawns: the parent's environment
 * minus anything that could make git or the CLI behave differently on a
 * developer's machine than in CI.
 */
export function hermeticEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GIT_') || key.startsWith('VITEST')) continue;
    // NODE_ENV=test and FORCE_TTY come from vitest and change how lint-staged prints.
    if (['HUSKY', 'FORCE_COLOR', 'FORCE_TTY', 'NO_COLOR', 'NODE_ENV', 'GITHUB_ACTIONS', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME'].includes(key)) continue;
    env[key] = value;
  }
  const nodeDir = dirname(process.execPath);
  return {
    ...env,
    PATH: `${nodeDir}${process.platform === 'win32' ? ';' : ':'}${env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    // Never walk up out of the temp directory into an enclosing repository.
    GIT_CEILING_DIRECTORIES: TEMP_BASE,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ADVICE: '0',
    LC_ALL: 'C',
    LANG: 'C',
    ...extra,
  };
}

let sharedHome: string | undefined;

/** An empty HOME shared by processes that do not belong to a particular repo. */
export function sharedHermeticEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  if (sharedHome === undefined) {
    sharedHome = mkdtempSync(join(TEMP_BASE, 'txb-home-'));
    assertOutsideProject(sharedHome);
    process.on('exit', () => rmSync(sharedHome as string, { recursive: true, force: true }));
  }
  return hermeticEnv(sharedHome, extra);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitRunOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Return the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
}

export interface GitRepo {
  /** Root of the working tree (realpath). */
  dir: string;
  /** The temporary HOME used by this repository's processes. */
  home: string;
  /** Hermetic environment for this repository (pass it to the CLI too). */
  env: NodeJS.ProcessEnv;
  /** Runs `git ...args` in `dir`; returns stdout; throws with the command and stderr on failure. */
  git(...args: string[]): string;
  /** Like `git`, with options (cwd inside the repo, stdin, extra env, no throw). */
  run(args: string[], options?: GitRunOptions): RunResult;
  write(path: string, content: string | Buffer): void;
  read(path: string): string;
  remove(path: string): void;
  /** `git add -A` then `git commit`; returns the new commit id. */
  commitAll(message: string): string;
  /** Writes one file and commits only it (the HEAD side of a scenario). */
  commitFile(path: string, content: string | Buffer, message?: string): void;
  /** Writes one file and stages it (the index side of a scenario). */
  stageFile(path: string, content: string | Buffer): void;
  /** `git reset --hard` + `git clean -fdx`: back to HEAD between tests sharing a repo. */
  reset(): void;
  /** Absolute path of a repo-relative path. */
  path(path: string): string;
  cleanup(): void;
}

export interface CreateRepoOptions {
  /** Files written (and, with `commit`, committed) right after `git init`. */
  files?: Record<string, string | Buffer>;
  /** Commit message for `files`; without it the files are only written. */
  commit?: string;
}

function spawnGit(args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string | Buffer): RunResult {
  const result = spawnSync('git', args, {
    cwd,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}

export function createRepo(options: CreateRepoOptions = {}): GitRepo {
  const root = mkdtempSync(join(TEMP_BASE, 'txb-repo-'));
  assertOutsideProject(root);
  const home = join(root, 'home');
  const dir = join(root, 'repo');
  mkdirSync(join(home, '.config'), { recursive: true });
  mkdirSync(dir);
  const repo = openRepo({ dir, home, env: hermeticEnv(home), root });

  // An empty template dir: no sample hooks, nothing from the system template.
  repo.git('init', '-q', '-b', 'main', '--template=');
  configureTestIdentity(repo);
  repo.git('config', 'tag.gpgSign', 'false');
  repo.git('config', 'maintenance.auto', 'false');
  repo.git('config', 'gc.auto', '0');
  repo.git('config', 'core.autocrlf', 'false');
  repo.git('config', 'core.symlinks', 'true');
  // core.hooksPath must be unset (the hook tests install it with husky).
  const hooksPath = repo.run(['config', '--get', 'core.hooksPath'], { allowFailure: true });
  if (hooksPath.code === 0) throw new Error(`core.hooksPath leaked into the test repository: ${hooksPath.stdout}`);

  if (options.files) {
    for (const [path, content] of Object.entries(options.files)) repo.write(path, content);
    if (options.commit !== undefined) repo.commitAll(options.commit);
  }
  return repo;
}

export interface OpenRepoOptions {
  /** Root of the working tree. */
  dir: string;
  /** The temporary HOME, already part of `env`. */
  home: string;
  /** The environment of every git process (see `hermeticEnv`). */
  env: NodeJS.ProcessEnv;
  /** What `cleanup()` deletes. */
  root: string;
}

/**
 * The `GitRepo` helpers over a work tree that is about to be initialised:
 * `createRepo` uses it for its temp directories, and the edge suite's
 * `initRepoAt` for repositories `createRepo` cannot make (a path with a
 * newline, a bare repository with a separate work tree).
 */
export function openRepo({ dir, home, env, root }: OpenRepoOptions): GitRepo {
  const inside = (path: string): string => {
    const absolute = resolve(dir, path);
    const rel = relative(dir, absolute);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${path} is outside the test repository`);
    return absolute;
  };

  const run = (args: string[], opts: GitRunOptions = {}): RunResult => {
    const cwd = opts.cwd === undefined ? dir : inside(opts.cwd);
    const result = spawnGit(args, cwd, { ...env, ...opts.env }, opts.input);
    if (result.code !== 0 && !opts.allowFailure) {
      throw new Error(`git ${args.join(' ')} failed with exit code ${result.code} in ${cwd}\n${result.stderr}`);
    }
    return result;
  };

  const git = (...args: string[]): string => run(args).stdout;

  const repo: GitRepo = {
    dir,
    home,
    env,
    git,
    run,
    path: inside,
    write(path, content) {
      const target = inside(path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    },
    read(path) {
      return readFileSync(inside(path), 'utf8');
    },
    remove(path) {
      rmSync(inside(path), { recursive: true, force: true });
    },
    commitAll(message) {
      git('add', '-A');
      git('commit', '-q', '--no-verify', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    commitFile(path, content, message = `add ${path}`) {
      repo.write(path, content);
      git('add', '--', path);
      git('commit', '-q', '--no-verify', '-m', message, '--', path);
    },
    stageFile(path, content) {
      repo.write(path, content);
      git('add', '--', path);
    },
    reset() {
      if (run(['rev-parse', '--verify', '-q', 'HEAD'], { allowFailure: true }).code === 0) {
        git('reset', '-q', '--hard');
      } else {
        run(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.'], { allowFailure: true });
      }
      git('clean', '-q', '-fdx');
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  return repo;
}

/** The test identity, with commit signing off: what every test repository, and every clone of one, commits as. */
export function configureTestIdentity(repo: GitRepo): void {
  repo.git('config', 'user.name', 'Txb Test');
  repo.git('config', 'user.email', 'txb@example.invalid');
  repo.git('config', 'commit.gpgSign', 'false');
}

/** An empty temporary directory that is not a git repository. */
export function createTempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(TEMP_BASE, 'txb-plain-'));
  assertOutsideProject(dir);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RepoSnapshot {
  head: string;
  refs: string;
  stage: string;
  unstagedDiff: string;
  stagedDiff: string;
  status: string;
  files: Record<string, string>;
}

function listFiles(dir: string, base: string, out: Record<string, string>): void {
  for (const entry of readdirSync(dir)) {
    const absolute = join(dir, entry);
    const rel = relative(base, absolute).split(sep).join('/');
    if (rel === '.git') continue;
    const stat = lstatSync(absolute);
    if (stat.isSymbolicLink()) out[rel] = `symlink -> ${readlinkSync(absolute)}`;
    else if (stat.isDirectory()) listFiles(absolute, base, out);
    else out[rel] = `mode ${(stat.mode & 0o777).toString(8)} ${readFileSync(absolute).toString('base64')}`;
  }
}

/**
 * Everything a check must leave untouched: index entries, staged and unstaged
 * diffs, status, refs, and the bytes of every working-tree file. Reads use
 * `--no-optional-locks` so that taking the snapshot does not itself refresh
 * and rewrite the index.
 */
export function snapshotRepo(repo: GitRepo): RepoSnapshot {
  const g = (...args: string[]) => repo.run(['--no-optional-locks', ...args], { allowFailure: true }).stdout;
  const files: Record<string, string> = {};
  listFiles(repo.dir, repo.dir, files);
  return {
    head: g('rev-parse', '--verify', '-q', 'HEAD'),
    refs: g('for-each-ref', '--format=%(refname) %(objectname)'),
    stage: g('ls-files', '-s'),
    unstagedDiff: g('diff', '--no-ext-diff', '--binary'),
    stagedDiff: g('diff', '--cached', '--no-ext-diff', '--binary'),
    status: g('status', '--porcelain=v1', '-z', '--untracked-files=all'),
    files,
  };
}

/**
 * Removes the common indentation of a template literal, and its first line
 * when that is empty, so Python sources can be written indented in the test.
 */
export function dedent(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const raw = typeof strings === 'string' ? strings : strings.reduce((acc, part, i) => acc + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^[ \t]*\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(Math.min(common, line.length - line.trimStart().length))).join('\n');
}

/** 1-based number of the first line containing `needle` (after `from`), or an error. */
export function lineOf(source: string, needle: string, from = 1): number {
  const lines = source.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]?.includes(needle)) return i + 1;
  throw new Error(`${JSON.stringify(needle)} not found in source`);
}

/** Where the CLI must point for `def name`: the line and the 1-based column of the name. */
export function defPosition(source: string, name: string): { line: number; column: number } {
  const lines = source.split('\n');
  const pattern = new RegExp(`\\bdef\\s+${name}\\s*[(\\[]`);
  for (let i = 0; i < lines.length; i++) {
    const match = pattern.exec(lines[i] ?? '');
    if (match) return { line: i + 1, column: (lines[i] ?? '').indexOf(name, match.index + 3) + 1 };
  }
  throw new Error(`def ${name} not found in source`);
}
