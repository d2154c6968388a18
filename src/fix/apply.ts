import type { Diagnostic } from '../check/diagnostic.js';
import { loadConfig } from '../config.js';
import { atTopLevel, type Git } from '../git/exec.js';
import { listIndexFiles } from '../git/list-files.js';
import { readBlobs } from '../git/read-blobs.js';
import { readRepository } from '../git/repository.js';
import type { Analyzer } from '../python/inventory/analyze.js';
import type { ParserOptions } from '../python/tree/parser.js';
import { decodeSource } from '../python/source/decode.js';
import { sectionState } from '../python/literals/docstring.js';
import type { CheckReport } from '../run.js';
import type { FunctionInfo, ModuleInfo } from '../types.js';
import type { LineEdit } from './line-edit.js';
import { locateSection } from './locate.js';
import { mapLines, planEdits } from './plan-edit.js';
import { readSourceText } from './source-codec.js';
import { readWorkingFile, writeIfUnchanged } from './working-file.js';

/** The rules whose finding is a missing section, which `--fix` can write. */
const FIXABLE: ReadonlySet<string> = new Set(['TXB001', 'TXB002', 'TXB003']);

export interface FixRequest {
  cwd: string;
  /** `--config FILE`, as given to the check. */
  configPath?: string;
}

export interface FixEffects {
  git: Git;
  loadAnalyzer: (options?: ParserOptions) => Promise<Analyzer>;
}

/**
 * What became of one finding: the section was written into the working
 * tree, the working tree already had it (unstaged), or it was left for the
 * user with the reason.
 */
export type FixOutcome = { diagnostic: Diagnostic; status: 'fixed' } | { diagnostic: Diagnostic; status: 'present' } | { diagnostic: Diagnostic; status: 'skipped'; reason: string };

export interface FixResult {
  outcomes: FixOutcome[];
  /** The configured section header, for the report (empty when there is nothing to report). */
  section: string;
}

/**
 * `check --fix`: writes the suggested section of every TXB001/TXB002/TXB003
 * finding into the working-tree file, never the index. Placement is worked
 * out on the staged version (what the check judged) and carried over to the
 * working tree through a line diff, so unstaged edits elsewhere in the file
 * survive untouched; a file is only written when something changed, with
 * its encoding, BOM and line endings kept.
 */
export async function fixWorkingTree(report: CheckReport, request: FixRequest, effects: FixEffects): Promise<FixResult> {
  const fixable = report.diagnostics.filter((d) => FIXABLE.has(d.code) && d.function !== null && d.paste !== null);
  if (fixable.length === 0) return { outcomes: [], section: '' };
  const repository = await readRepository(effects.git);
  const { config } = await loadConfig({ topLevel: repository.topLevel, explicitPath: request.configPath, cwd: request.cwd });

  const byFile = new Map<string, Diagnostic[]>();
  for (const d of fixable) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const git = atTopLevel(effects.git, repository.topLevel);
  const entries = await listIndexFiles(git, [...byFile.keys()]);
  const [blobs, analyze] = await Promise.all([
    readBlobs(
      git,
      entries.map((entry) => entry.newOid),
    ),
    effects.loadAnalyzer(),
  ]);
  const outcomes: FixOutcome[] = [];
  for (const [file, diagnostics] of byFile) {
    const oid = entries.find((entry) => entry.path === file)?.newOid;
    const staged = oid === undefined ? undefined : blobs.get(oid);
    outcomes.push(...fixFile({ topLevel: repository.topLevel, file, diagnostics, staged, analyze, section: config.section }));
  }
  return { outcomes, section: config.section };
}

interface FileFix {
  topLevel: string;
  /** Repo-relative, with `/`. */
  file: string;
  diagnostics: Diagnostic[];
  /** The index blob, or undefined when the path left the index since the check. */
  staged: Buffer | undefined;
  analyze: Analyzer;
  section: string;
}

function fixFile({ topLevel, file, diagnostics, staged, analyze, section }: FileFix): FixOutcome[] {
  const skipAll = (reason: string) => diagnostics.map((diagnostic): FixOutcome => ({ diagnostic, status: 'skipped', reason }));
  const stagedText = staged === undefined ? null : decodeSource(staged);
  if (!stagedText?.ok) return skipAll('the file is no longer readable from the index');
  const original = readWorkingFile(topLevel, file);
  if ('reason' in original) return skipAll(original.reason);
  const working = readSourceText(original.bytes);
  if ('reason' in working) return skipAll(working.reason);
  // core.autocrlf or `eol=crlf`: the index has LF, the working tree CRLF. Plan in LF, write CRLF back.
  const crlf = onlyCrlf(working.text) && !stagedText.text.includes('\r\n');
  const workingText = crlf ? working.text.replaceAll('\r\n', '\n') : working.text;

  const options = { respectAll: false, needsFacts: () => false };
  const stagedLines = stagedText.text.split('\n');
  const workingLines = workingText.split('\n');
  const stagedModule = analyze(stagedText.text, options);
  const workingModule = analyze(workingText, options);
  const map = mapLines(stagedLines, workingLines);

  const outcomes: FixOutcome[] = [];
  const edits: { index: number; edit: LineEdit }[] = [];
  diagnostics.forEach((diagnostic, index) => {
    const step = decide(diagnostic, { stagedLines, stagedModule, workingModule, map, section });
    if ('edit' in step) edits.push({ index, edit: step.edit });
    else outcomes[index] = step;
  });

  const planned = planEdits(
    stagedLines,
    workingLines,
    edits.map(({ edit }) => edit),
    map,
  );
  planned.results.forEach((result, k) => {
    const index = edits[k]?.index ?? -1;
    const diagnostic = diagnostics[index];
    if (!diagnostic) return;
    outcomes[index] = result.applied ? { diagnostic, status: 'fixed' } : { diagnostic, status: 'skipped', reason: result.reason };
  });
  if (!outcomes.some((outcome) => outcome.status === 'fixed')) return outcomes;

  const text = planned.lines.join('\n');
  const failure = writeChecked(original.absolute, original.bytes, working.encode(crlf ? text.replaceAll('\n', '\r\n') : text), () =>
    readsBack(analyze(text, options), workingModule, outcomes, section),
  );
  if (failure === null) return outcomes;
  return outcomes.map((outcome) => (outcome.status === 'fixed' ? { ...outcome, status: 'skipped', reason: failure } : outcome));
}

/** Whether every line break is CRLF (and there is one): converting to LF and back gives the same text. */
function onlyCrlf(text: string): boolean {
  const breaks = text.split('\n').length - 1;
  return breaks > 0 && text.split('\r\n').length - 1 === breaks;
}

/** Writes the edited bytes once they encode and read back as intended; returns why not, or null. */
function writeChecked(absolute: string, expected: Buffer, bytes: Buffer | { reason: string }, readsBackFine: () => boolean): string | null {
  if (!Buffer.isBuffer(bytes)) return bytes.reason;
  if (!readsBackFine()) return 'with the section in place, the docstring would not parse back (does a custom template contain quotes?)';
  return writeIfUnchanged(absolute, expected, bytes);
}

interface FileContext {
  stagedLines: readonly string[];
  stagedModule: ModuleInfo;
  workingModule: ModuleInfo;
  /** Staged line → working-tree line (see `mapLines`); undefined when they differ too much to map. */
  map: Int32Array | undefined;
  section: string;
}

/** Nothing to write (the working tree has the section), nowhere safe to write, or the edit to make. */
function decide(diagnostic: Diagnostic, context: FileContext): FixOutcome | { edit: LineEdit } {
  const { stagedLines, stagedModule, workingModule, map, section } = context;
  const fn = stagedModule.functions.find((candidate) => candidate.qualifiedName === diagnostic.function && candidate.defLine === diagnostic.line);
  if (!fn || !diagnostic.paste) return { diagnostic, status: 'skipped', reason: 'it was not found again in the staged file' };
  const counterpart = workingCounterpart(workingModule, fn, map);
  if (counterpart?.docstring && sectionState(counterpart.docstring.value, section) === 'present') return { diagnostic, status: 'present' };
  const placement = locateSection({ lines: stagedLines, fn, section, paste: diagnostic.paste });
  return placement.ok ? { edit: placement.edit } : { diagnostic, status: 'skipped', reason: placement.reason };
}

/**
 * The last safety net before writing: the edited text has no syntax error
 * the working tree did not already have, and every function said to be
 * fixed now carries a non-empty section.
 */
function readsBack(after: ModuleInfo, before: ModuleInfo, outcomes: readonly FixOutcome[], section: string): boolean {
  if (after.syntaxErrors.length > before.syntaxErrors.length) return false;
  return outcomes.every(
    (outcome) =>
      outcome.status !== 'fixed' || after.functions.some((fn) => fn.qualifiedName === outcome.diagnostic.function && fn.docstring !== null && sectionState(fn.docstring.value, section) === 'present'),
  );
}

/**
 * The working tree's version of a staged function: the definition of the
 * same name on the line its `def` line moved to, or the only one of that
 * name when the `def` line itself was edited.
 */
function workingCounterpart(module: ModuleInfo, fn: FunctionInfo, map: Int32Array | undefined): FunctionInfo | undefined {
  const named = module.functions.filter((candidate) => candidate.qualifiedName === fn.qualifiedName);
  const at = map?.[fn.defLine - 1] ?? -1;
  return named.find((candidate) => at !== -1 && candidate.defLine === at + 1) ?? (named.length === 1 ? named[0] : undefined);
}
