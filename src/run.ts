import { realpathSync } from 'node:fs';
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
  const range = await rangeOf(request.scope, git, repository);
  const candidates = range ? (stagedEntries ?? (await readDiffEntries(git, range))) : await listIndexFiles(git);
  // Most commits that stage no Python file stop here, before the glob compiler loads.
  if (!candidates.some((entry) => entry.path.endsWith('.py'))) return NOTHING_CHECKED;
  const { hasComparableOldSide, selectFiles } = await import('./check/select-files.js');
  const entries = selectFiles(candidates, {
    include: config.include,
    exclude: config.exclude,
    only: request.paths.map((given) => toRepoPath(given, request.cwd, repository.topLevel)),
  });
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
  return {
    diagnostics: results.flatMap((result) => result.diagnostics),
    errors: results.flatMap((result) => result.errors),
    filesChecked: entries.length,
    functionsChecked: results.reduce((sum, result) => sum + result.functionsChecked, 0),
    files: results.map(({ file, functionsChecked, documented }) => ({ file, functionsChecked, documented })),
  };
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
