import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { CalleeReader } from './check/check-files.js';
import type { Diagnostic, FileError } from './check/diagnostic.js';
import { loadConfig } from './config/load.js';
import type { DiffEntry } from './git/parse-raw-diff.js';
import { UserError } from './errors.js';
import { atTopLevel, type Git } from './git/exec.js';
import { readBlobs } from './git/read-blobs.js';
import { type Repository, readRepository } from './git/repository.js';
import { listIndexFiles } from './git/list-files.js';
import { resolveRange } from './git/merge-base.js';
import { type ChangeRange, readChangedLines, readDiffEntries } from './git/staged-change.js';
import type { ChangedLines } from './types.js';

import type { Analyzer } from './python/analyze.js';
import type { ParserOptions } from './python/parser.js';

export type { Analyzer };

export interface CheckRequest {
  /** Paths as given on the command line, relative to `cwd` or absolute. */
  paths: readonly string[];
  cwd: string;
  /** `--config FILE`, when given; otherwise the first config file found (SPEC §6). */
  configPath?: string;
  scope: Scope;
}

/**
 * What to check: the staged change (the hook), the commits since the merge
 * base with `base` (CI), or every function of every matched file (audit).
 */
export type Scope = { mode: 'staged' } | { mode: 'range'; base: string; head: string } | { mode: 'all' };

/** The effects the pipeline needs, passed in so tests can hand in their own. */
export interface Effects {
  git: Git;
  loadAnalyzer: (options?: ParserOptions) => Promise<Analyzer>;
}

export interface FileSummary {
  file: string;
  /** Public functions checked: modified ones, or all of them in an audit. */
  functionsChecked: number;
  /** Of those, how many carry a non-empty section. */
  documented: number;
}

export interface CheckReport {
  diagnostics: Diagnostic[];
  errors: FileError[];
  filesChecked: number;
  functionsChecked: number;
  files: FileSummary[];
  /**
   * Staged mode was given files of which nothing is staged, so they were
   * checked whole, as the index has them (`pre-commit run --all-files`).
   */
  wholeFilesGiven?: true;
}

/** From about this many files on, the parser's optimised code pays for the time it takes to compile (see `ParserOptions`). */
const LONG_RUN_FILES = 50;

const NOTHING_CHECKED: CheckReport = Object.freeze({ diagnostics: [], errors: [], filesChecked: 0, functionsChecked: 0, files: [] });

/** git → Python analysis → rules, for staged changes, a commit range, or every file (audit). */
export async function runCheck(request: CheckRequest, effects: Effects): Promise<CheckReport> {
  // The staged entries do not depend on the answers of rev-parse: ask for both at once.
  const [repository, stagedEntries] = await Promise.all([readRepository(effects.git), readStagedEntriesEarly(effects.git, request.scope)]);
  const git = atTopLevel(effects.git, repository.topLevel);
  const { config } = await loadConfig({ topLevel: repository.topLevel, explicitPath: request.configPath, cwd: request.cwd });
  const only = request.paths.map((given) => toRepoPath(given, request.cwd, repository.topLevel));
  await assertPathsExist(git, request.paths, only, repository.topLevel);
  let range = await rangeOf(request.scope, git, repository);
  let candidates = range ? (stagedEntries ?? (await readDiffEntries(git, range))) : await listIndexFiles(git);
  // Files named with nothing of them staged (`pre-commit run --all-files`, `--files`): a bare pass would
  // check nothing, so they are checked as the index has them, every public function (README, "When txboundary refuses").
  const givenUnstaged = request.scope.mode === 'staged' && only.length > 0 && !candidates.some((entry) => isRequested(entry.path, only));
  if (givenUnstaged) {
    range = null;
    candidates = await listIndexFiles(git, only);
  }
  // Most commits that stage no Python file stop here, before the glob compiler loads.
  if (!candidates.some((entry) => entry.path.endsWith('.py'))) return NOTHING_CHECKED;
  const { hasComparableOldSide, selectFiles } = await import('./check/select-files.js');
  const entries = selectFiles(candidates, { include: config.include, exclude: config.exclude, only });
  if (entries.length === 0) return NOTHING_CHECKED;

  const compared = range ? entries.filter(hasComparableOldSide) : [];
  // The rules and the analysis are their own chunk: a commit without Python never loads them.
  const [{ checkFiles }, analyze, blobs, changedLines] = await Promise.all([
    import('./check/check-files.js'),
    effects.loadAnalyzer({ longRun: !range || entries.length >= LONG_RUN_FILES }),
    readBlobs(git, [...entries.map((entry) => entry.newOid), ...compared.map((entry) => entry.oldOid)]),
    range && compared.length > 0 ? readChangedLines(git, range, compared) : new Map<string, ChangedLines>(),
  ]);

  const results = await checkFiles({
    entries,
    compared,
    blobs,
    changedLines,
    analyze,
    config,
    readCallees: readCalleesAt(git, range),
    nearChangeOnly: request.scope.mode === 'staged',
  });
  const report: CheckReport = {
    diagnostics: results.flatMap((result) => result.diagnostics),
    errors: results.flatMap((result) => result.errors),
    filesChecked: entries.length,
    functionsChecked: results.reduce((sum, result) => sum + result.functionsChecked, 0),
    files: results.map(({ file, functionsChecked, documented }) => ({ file, functionsChecked, documented })),
  };
  return givenUnstaged ? { ...report, wholeFilesGiven: true } : report;
}

/** Whether a repo-relative path is one of the given files or directories (`''`: the top level). */
function isRequested(path: string, only: readonly string[]): boolean {
  return only.some((wanted) => wanted === '' || path === wanted || path.startsWith(`${wanted}/`));
}

/**
 * SPEC §5: a path that names no file in the index nor in the working tree
 * is a usage error, not a silent "nothing to check". The working tree is
 * asked first (a stat per path); only paths missing there cost one
 * `git ls-files`.
 */
async function assertPathsExist(git: Git, given: readonly string[], only: readonly string[], topLevel: string): Promise<void> {
  const missing = only.map((path, i) => ({ path, given: given[i] as string })).filter(({ path }) => !existsSync(path === '' ? topLevel : `${topLevel}/${path}`));
  if (missing.length === 0) return;
  const indexed = await listIndexFiles(
    git,
    missing.map(({ path }) => path),
  );
  const unknown = missing.filter(({ path }) => !indexed.some((entry) => isRequested(entry.path, [path])));
  const [first] = unknown;
  if (!first) return;
  const names = unknown.map(({ given }) => given).join(', ');
  const windows = unknown.some(({ given }) => given.includes('\\'));
  throw new UserError(
    `${names}: no such file in the index or the working tree`,
    windows ? 'separate directories with "/" (a "\\" is part of the file name on this system)' : 'pass paths of files or directories in the repository, or none to check everything staged',
  );
}

/**
 * Staged mode's entries against HEAD, read while rev-parse runs. Before the
 * first commit there is no HEAD and git refuses; null then, and the entries
 * are read again against the empty tree (any other failure shows there).
 */
async function readStagedEntriesEarly(git: Git, scope: Scope): Promise<DiffEntry[] | null> {
  if (scope.mode !== 'staged') return null;
  return readDiffEntries(git, { base: 'HEAD' }).catch(() => null);
}

/** What the check compares, or null for an audit of every file as it is. */
async function rangeOf(scope: Scope, git: Git, repository: Repository): Promise<ChangeRange | null> {
  switch (scope.mode) {
    case 'staged':
      return { base: repository.head ?? repository.emptyTree };
    case 'range':
      return resolveRange(git, scope.base, scope.head);
    case 'all':
      return null;
  }
}

/** TXB005 reads the modules that checked functions call into, from the revision being checked. */
function readCalleesAt(git: Git, range: ChangeRange | null): CalleeReader {
  return async (analyze, inputs, options) => {
    const { readCalleeModules } = await import('./resolve/read-callee-modules.js');
    return readCalleeModules(git, analyze, inputs, { ...options, revision: range?.head ?? null });
  };
}

/**
 * Turns a command-line path (lint-staged passes absolute ones) into the
 * repo-relative, `/`-separated form git uses.
 */
function toRepoPath(given: string, cwd: string, topLevel: string): string {
  const absolute = path.resolve(cwd, given);
  let relative = path.relative(topLevel, absolute);
  if (isOutside(relative)) {
    try {
      relative = path.relative(realpathSync(topLevel), realpathSync(absolute));
    } catch {
      // Not on disk (a staged deletion, say): the lexical answer is all there is.
    }
  }
  if (isOutside(relative) || path.isAbsolute(relative)) {
    throw new UserError(`${given} is outside the repository ${topLevel}`, 'pass paths inside the repository, or none to check everything staged');
  }
  return relative.split(path.sep).join('/');
}

function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`);
}
