import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { FunctionReport } from './check/check.js';
import type { Diagnostic, FileError } from './check/diagnostic.js';
import { loadConfig } from './config/load.js';
import { UserError } from './errors.js';
import { atTopLevel, type Git } from './git/exec.js';
import { readBlobs } from './git/read-blobs.js';
import { readRevisionFiles } from './git/read-revision-files.js';
import { type Repository, readRepository } from './git/repository.js';
import { listIndexFiles } from './git/list-files.js';
import { resolveRange } from './git/merge-base.js';
import { type ChangeRange, readChangedLines, readDiffEntries } from './git/staged-change.js';
import type { Analyzer } from './python/inventory/analyze.js';
import type { ChangedLines } from './types.js';

export interface CheckRequest {
  /** Paths as given on the command line, relative to `cwd` or absolute. */
  paths: readonly string[];
  cwd: string;
  /** `--config FILE`, when given; otherwise the first config file found (README, "Configuration"). */
  configPath?: string;
  scope: Scope;
}

/**
 * What to check: the staged change (the hook), the commits since the merge base with `base` (CI),
 * or every function of every matched file (audit).
 */
export type Scope = { mode: 'staged' } | { mode: 'range'; base: string; head: string } | { mode: 'all' };

/** The effects the pipeline needs, passed in so tests can hand in their own. */
export interface Effects {
  git: Git;
  loadAnalyzer: () => Promise<Analyzer>;
  /** Called before the parser loads when the run is short (see `LONG_RUN_FILES`). */
  tuneForShortRun?: () => Promise<void>;
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
  /** Every checked function with its documented and suggested pattern. */
  functions: FunctionReport[];
  errors: FileError[];
  filesChecked: number;
  functionsChecked: number;
  files: FileSummary[];
  /** The repository's top level (file paths are relative to it), for the text output's paths. */
  topLevel?: string;
  /** Set when the run stopped before checking any file: what the change held, for `--verbose`. */
  nothingChecked?: NothingChecked;
  /** Staged mode was given files with nothing staged, checked whole as the index has them (`pre-commit run --all-files`). */
  wholeFilesGiven?: true;
  /** What `--fix` needs besides the findings, never rendered: the section header, and the lines each file's fixes refer to. */
  forFix?: { section: string; lines: ReadonlyMap<string, readonly string[]> };
}

export interface NothingChecked {
  /** Files the change touches (staged, or changed in the range), or the index's files for an audit. */
  changedFiles: number;
  /** Of those, the `*.py` ones; none of them matched the settings and the paths given. */
  pythonFiles: number;
}

/** From about this many files on, V8's optimised code for the parser pays for the time it takes to compile (see `cli.ts`). */
const LONG_RUN_FILES = 50;

function nothingChecked(topLevel: string, changedFiles: number, pythonFiles: number): CheckReport {
  return { diagnostics: [], functions: [], errors: [], filesChecked: 0, functionsChecked: 0, files: [], topLevel, nothingChecked: { changedFiles, pythonFiles } };
}

/** git → Python analysis → rules, for staged changes, a commit range, or every file (audit). */
export async function runCheck(request: CheckRequest, effects: Effects): Promise<CheckReport> {
  // Staged mode's entries against HEAD, read while rev-parse runs. Before the first commit there is no HEAD and
  // git refuses: null then, and the entries are read again against the empty tree (any other failure shows there).
  const early = request.scope.mode === 'staged' ? readDiffEntries(effects.git, { base: 'HEAD' }).catch(() => null) : null;
  const [repository, stagedEntries] = await Promise.all([readRepository(effects.git), early]);
  const git = atTopLevel(effects.git, repository.topLevel);
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
  // Most commits that stage no Python file stop here, before the configuration is read or the glob compiler loads.
  const pythonFiles = candidates.filter((entry) => entry.path.endsWith('.py')).length;
  if (pythonFiles === 0) return nothingChecked(repository.topLevel, candidates.length, 0);
  const { config } = await loadConfig({ topLevel: repository.topLevel, explicitPath: request.configPath, cwd: request.cwd });
  const { hasComparableOldSide, selectFiles } = await import('./check/select-files.js');
  const entries = selectFiles(candidates, { include: config.include, exclude: config.exclude, only });
  if (entries.length === 0) return nothingChecked(repository.topLevel, candidates.length, pythonFiles);

  const compared = range ? entries.filter(hasComparableOldSide) : [];
  // The rules and the analysis are their own chunk: a commit without Python never loads them.
  if (range && entries.length < LONG_RUN_FILES) await effects.tuneForShortRun?.();
  const [{ checkFiles }, analyze, blobs, changedLines] = await Promise.all([
    import('./check/check-files.js'),
    effects.loadAnalyzer(),
    readBlobs(git, [...entries.map((entry) => entry.newOid), ...compared.map((entry) => entry.oldOid)]),
    range && compared.length > 0 ? readChangedLines(git, range, compared) : new Map<string, ChangedLines>(),
  ]);

  // In range mode the old side is the merge base, not HEAD: TXB002 says so.
  const previousName = request.scope.mode === 'range' && range ? `the merge base ${range.base.slice(0, 7)} with ${request.scope.base}` : undefined;
  const results = await checkFiles({
    entries,
    compared,
    blobs,
    changedLines,
    analyze,
    config,
    // The revision being checked: the index (staged mode, audit) or the head of the range.
    readFiles: (paths) => readRevisionFiles(git, range?.head ?? null, paths),
    previousName,
    nearChangeOnly: request.scope.mode === 'staged',
  });
  const fixable = results.filter((result) => result.diagnostics.some((d) => d.fix !== null));
  const report: CheckReport = {
    diagnostics: results.flatMap((result) => result.diagnostics),
    functions: results.flatMap((result) => result.functions),
    errors: results.flatMap((result) => result.errors),
    filesChecked: entries.length,
    functionsChecked: results.reduce((sum, result) => sum + result.functionsChecked, 0),
    files: results.map(({ file, functionsChecked, documented }) => ({ file, functionsChecked, documented })),
    topLevel: repository.topLevel,
    forFix: { section: config.section, lines: new Map(fixable.map((result) => [result.file, result.lines ?? []])) },
  };
  return givenUnstaged ? { ...report, wholeFilesGiven: true } : report;
}

/** Whether a repo-relative path is one of the given files or directories (`''`: the top level). */
function isRequested(path: string, only: readonly string[]): boolean {
  return only.some((wanted) => wanted === '' || path === wanted || path.startsWith(`${wanted}/`));
}

/**
 * docs/rules.md: a path naming no file in the index nor the working tree is a usage error, not a silent "nothing to check".
 * The working tree is asked first (a stat per path); only paths missing there cost one `git ls-files`.
 */
async function assertPathsExist(git: Git, given: readonly string[], only: readonly string[], topLevel: string): Promise<void> {
  const missing = only.map((path, i) => ({ path, given: given[i] as string })).filter(({ path }) => !existsSync(path === '' ? topLevel : `${topLevel}/${path}`));
  if (missing.length === 0) return;
  const indexed = await listIndexFiles(
    git,
    missing.map(({ path }) => path),
  );
  const unknown = missing.filter(({ path }) => !indexed.some((entry) => isRequested(entry.path, [path])));
  if (unknown.length === 0) return;
  const names = unknown.map(({ given }) => given).join(', ');
  const windows = unknown.some(({ given }) => given.includes('\\'));
  throw new UserError(
    `${names}: no such file in the index or the working tree`,
    windows ? 'separate directories with "/" (a "\\" is part of the file name on this system)' : 'pass paths of files or directories in the repository, or none to check everything staged',
  );
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

/** A command-line path (lint-staged passes absolute ones) in the repo-relative, `/`-separated form git uses. */
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
