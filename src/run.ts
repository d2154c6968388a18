import { realpathSync } from 'node:fs';
import path from 'node:path';
import { checkFile, type FileResult } from './check/check.js';
import type { Diagnostic, FileError } from './check/diagnostic.js';
import { WHOLE_FILE } from './check/select.js';
import { hasComparableOldSide, selectFiles } from './check/select-files.js';
import { loadConfig } from './config.js';
import { UserError } from './errors.js';
import { atTopLevel, type Git } from './git/exec.js';
import { readBlobs } from './git/read-blobs.js';
import { readRepository } from './git/repository.js';
import { readChangedLines, readDiffEntries } from './git/staged-change.js';
import { decodeSource } from './python/decode.js';
import type { AnalyzeOptions, ChangedLines, ModuleInfo } from './types.js';

export type Analyzer = (source: string, options: AnalyzeOptions) => ModuleInfo;

export interface CheckRequest {
  /** Paths as given on the command line, relative to `cwd` or absolute. */
  paths: readonly string[];
  cwd: string;
  /** `--config FILE`, when given; otherwise the first config file found (SPEC §6). */
  configPath?: string;
}

/** The effects the pipeline needs, passed in so tests can hand in their own. */
export interface Effects {
  git: Git;
  loadAnalyzer: () => Promise<Analyzer>;
}

export interface CheckReport {
  diagnostics: Diagnostic[];
  errors: FileError[];
  filesChecked: number;
  functionsChecked: number;
}

/** git → Python analysis → rules: the staged-mode pipeline. */
export async function runCheck(request: CheckRequest, effects: Effects): Promise<CheckReport> {
  const repository = await readRepository(effects.git);
  const git = atTopLevel(effects.git, repository.topLevel);
  const { config } = await loadConfig({ topLevel: repository.topLevel, explicitPath: request.configPath, cwd: request.cwd });
  const range = { base: repository.head ?? repository.emptyTree };
  const entries = selectFiles(await readDiffEntries(git, range), {
    include: config.include,
    exclude: config.exclude,
    only: request.paths.map((given) => toRepoPath(given, request.cwd, repository.topLevel)),
  });
  if (entries.length === 0) return { diagnostics: [], errors: [], filesChecked: 0, functionsChecked: 0 };

  const compared = entries.filter(hasComparableOldSide);
  const [analyze, blobs, changedLines] = await Promise.all([
    effects.loadAnalyzer(),
    readBlobs(git, [...entries.map((entry) => entry.newOid), ...compared.map((entry) => entry.oldOid)]),
    compared.length > 0 ? readChangedLines(git, range, compared) : new Map<string, ChangedLines>(),
  ]);

  const options = { respectAll: config.respectAll };
  const results: FileResult[] = entries.map((entry) => {
    const staged = decodeSource(blobOf(blobs, entry.newOid));
    if (!staged.ok) return { diagnostics: [], errors: [{ file: entry.path, reason: staged.reason }], functionsChecked: 0 };
    const previous = hasComparableOldSide(entry) ? analyzePrevious(analyze, blobOf(blobs, entry.oldOid), options) : null;
    return checkFile(
      {
        path: entry.path,
        lines: staged.text.split('\n'),
        module: analyze(staged.text, options),
        previous,
        changes: hasComparableOldSide(entry) ? (changedLines.get(entry.path) ?? NO_CHANGE) : WHOLE_FILE,
      },
      config,
    );
  });
  return {
    diagnostics: results.flatMap((result) => result.diagnostics),
    errors: results.flatMap((result) => result.errors),
    filesChecked: entries.length,
    functionsChecked: results.reduce((sum, result) => sum + result.functionsChecked, 0),
  };
}

/** A mode-only change or a pure rename: nothing in the file changed. */
const NO_CHANGE: ChangedLines = { added: [], deletedAfter: [] };

/** An old version that cannot be decoded has no sections to lose. */
function analyzePrevious(analyze: Analyzer, bytes: Buffer, options: AnalyzeOptions): ModuleInfo | null {
  const decoded = decodeSource(bytes);
  return decoded.ok ? analyze(decoded.text, options) : null;
}

function blobOf(blobs: Map<string, Buffer>, oid: string): Buffer {
  const blob = blobs.get(oid);
  if (!blob) throw new Error(`blob ${oid} was not read`);
  return blob;
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
