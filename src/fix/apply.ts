import type { Diagnostic, LineEdit } from '../check/diagnostic.js';
import type { Analyzer } from '../python/inventory/analyze.js';
import { sectionState } from '../python/literals/docstring.js';
import type { CheckReport } from '../run.js';
import type { FunctionInfo, ModuleInfo } from '../types.js';
import { mapLines, planEdits } from './plan-edit.js';
import { readSourceText } from './source-codec.js';
import { readWorkingFile, writeIfUnchanged } from './working-file.js';

export interface FixEffects {
  loadAnalyzer: () => Promise<Analyzer>;
}

/** What became of one finding's fix: written, already in the working tree (unstaged), or left to the user with the reason. */
export type FixOutcome =
  | { diagnostic: Diagnostic; status: 'fixed'; addedDocstring: boolean }
  | { diagnostic: Diagnostic; status: 'present' }
  | { diagnostic: Diagnostic; status: 'skipped'; reason: string };

/**
 * `check --fix`: carries the edits computed on the staged text over to the working-tree files (never the index) through
 * a line diff, so unstaged edits elsewhere survive. A file is written only when something changed, with its encoding,
 * BOM and line endings kept.
 */
export async function fixWorkingTree(report: CheckReport, effects: FixEffects): Promise<FixOutcome[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) if (d.fix) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const { topLevel, forFix } = report;
  if (byFile.size === 0 || !forFix || topLevel === undefined) return [];
  const context = { topLevel, analyze: await effects.loadAnalyzer(), section: forFix.section };
  return [...byFile].flatMap(([file, diagnostics]) => fixFile(file, diagnostics, forFix.lines.get(file) ?? [], context));
}

function fixFile(
  file: string,
  diagnostics: readonly Diagnostic[],
  stagedLines: readonly string[],
  { topLevel, analyze, section }: { topLevel: string; analyze: Analyzer; section: string },
): FixOutcome[] {
  const skipAll = (reason: string) => diagnostics.map((diagnostic): FixOutcome => ({ diagnostic, status: 'skipped', reason }));
  const original = readWorkingFile(topLevel, file);
  if ('reason' in original) return skipAll(original.reason);
  const working = readSourceText(original.bytes);
  if ('reason' in working) return skipAll(working.reason);
  // core.autocrlf or `eol=crlf`: the index has LF, the working tree CRLF. Plan in LF, write CRLF back.
  const crlf = onlyCrlf(working.text) && !stagedLines.join('\n').includes('\r\n');
  const workingText = crlf ? working.text.replaceAll('\r\n', '\n') : working.text;
  const workingLines = workingText.split('\n');
  const options = { respectAll: false, needsFacts: () => false };
  const workingModule = analyze(workingText, options);
  const map = mapLines(stagedLines, workingLines);

  const outcomes: FixOutcome[] = [];
  const edits: { index: number; diagnostic: Diagnostic; edit: LineEdit; addedDocstring: boolean }[] = [];
  diagnostics.forEach((diagnostic, index) => {
    const counterpart = workingCounterpart(workingModule, diagnostic, map);
    if (counterpart?.docstring && sectionState(counterpart.docstring.value, section) === 'present') outcomes[index] = { diagnostic, status: 'present' };
    else if (diagnostic.fix?.applicability !== 'safe') outcomes[index] = { diagnostic, status: 'skipped', reason: diagnostic.fix?.reason ?? '' };
    else for (const edit of diagnostic.fix.edits) edits.push({ index, diagnostic, edit, addedDocstring: counterpart !== undefined && !counterpart.docstring });
  });
  const planned = planEdits(
    stagedLines,
    workingLines,
    edits.map(({ edit }) => edit),
    map,
  );
  planned.results.forEach((result, k) => {
    const { index, diagnostic, addedDocstring } = edits[k] as (typeof edits)[number];
    outcomes[index] = result.applied ? { diagnostic, status: 'fixed', addedDocstring } : { diagnostic, status: 'skipped', reason: result.reason };
  });
  if (!outcomes.some((outcome) => outcome.status === 'fixed')) return outcomes;

  const text = planned.lines.join('\n');
  const bytes = working.encode(crlf ? text.replaceAll('\n', '\r\n') : text);
  let failure: string | null;
  if (!Buffer.isBuffer(bytes)) failure = bytes.reason;
  else if (!readsBack(analyze(text, options), workingModule, outcomes, section)) failure = 'with the section in place, the docstring would not parse back (does a custom template contain quotes?)';
  else failure = writeIfUnchanged(original.absolute, original.bytes, bytes);
  if (failure === null) return outcomes;
  return outcomes.map((outcome) => (outcome.status === 'fixed' ? { diagnostic: outcome.diagnostic, status: 'skipped', reason: failure } : outcome));
}

/** Whether every line break is CRLF (and there is one): converting to LF and back gives the same text. */
function onlyCrlf(text: string): boolean {
  const breaks = text.split('\n').length - 1;
  return breaks > 0 && text.split('\r\n').length - 1 === breaks;
}

/**
 * The last safety net before writing: the edited text has no syntax error the working tree did not already have,
 * and every function said to be fixed now carries a non-empty section.
 */
function readsBack(after: ModuleInfo, before: ModuleInfo, outcomes: readonly FixOutcome[], section: string): boolean {
  if (after.syntaxErrors.length > before.syntaxErrors.length) return false;
  return outcomes.every(
    (outcome) =>
      outcome.status !== 'fixed' || after.functions.some((fn) => fn.qualifiedName === outcome.diagnostic.function && fn.docstring !== null && sectionState(fn.docstring.value, section) === 'present'),
  );
}

/**
 * The working tree's version of a finding's function: the definition of that name on the line its `def` line moved to,
 * or the only one of that name when the `def` line itself was edited.
 */
function workingCounterpart(module: ModuleInfo, d: Diagnostic, map: Int32Array | undefined): FunctionInfo | undefined {
  const named = module.functions.filter((candidate) => candidate.qualifiedName === d.function);
  const at = map?.[d.line - 1] ?? -1;
  return named.find((candidate) => at !== -1 && candidate.defLine === at + 1) ?? (named.length === 1 ? named[0] : undefined);
}
