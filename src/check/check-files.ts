import { checkFile, checkUndecodable, type FileInput, type FileResult } from './check.js';
import { isModified, WHOLE_FILE } from '../changes.js';
import { selectChecked } from './select.js';
import { EffectAnalysis } from '../effects/evaluate.js';
import { type BodiesWanted, isWanted, loadProgram } from '../effects/program.js';
import type { Config } from '../config/defaults.js';
import type { DiffEntry } from '../git/parse-raw-diff.js';
import { analyzeChange } from '../python/inventory/analyze-change.js';
import { analyzeDefinitions } from '../python/inventory/analyze-definitions.js';
import { analyzeWhole } from '../python/inventory/analyze-whole.js';
import { decodeSource } from '../python/source/decode.js';
import type { Analyzer } from '../python/inventory/analyze.js';
import { sectionState } from '../python/literals/docstring.js';
import type { AnalyzeOptions, ChangedLines, FunctionInfo, LineRange, ModuleInfo } from '../types.js';

/** Reads files of the revision being checked (the index, or the head of a range); null for a path that is not there. */
export type RevisionReader = (paths: readonly string[]) => Promise<Map<string, Buffer | null>>;

export interface CheckFilesInput {
  /** The selected files of the change (or of the index, for an audit). */
  entries: readonly DiffEntry[];
  /** Those with an old side to compare with. */
  compared: readonly DiffEntry[];
  blobs: Map<string, Buffer>;
  changedLines: Map<string, ChangedLines>;
  analyze: Analyzer;
  config: Config;
  readFiles: RevisionReader;
  previousName?: string;
  /**
   * The hook's staged check: a changed file is parsed only in the statements its change touches, and a syntax error
   * elsewhere goes unreported. Range mode and the audit parse every file whole and report every error.
   */
  nearChangeOnly: boolean;
}

/** Analysis and rules over the selected files, the modules they call into read once for all. Loaded only to check Python. */
export async function checkFiles(input: CheckFilesInput): Promise<(FileResult & { file: string })[]> {
  const { entries, compared, blobs, changedLines, analyze, config, readFiles, nearChangeOnly } = input;
  const comparedSet = new Set(compared);
  const options = { respectAll: config.respectAll, outline: true };
  const prepared = entries.map((entry): FileInput | (FileResult & { file: string }) => {
    const isCompared = comparedSet.has(entry);
    const changes = isCompared ? (changedLines.get(entry.path) ?? NO_CHANGE) : WHOLE_FILE;
    const staged = decodeSource(blobOf(blobs, entry.newOid));
    const bodiesModified = { ...options, needsFacts: (span: LineRange) => isModified(span, changes) };
    if (!staged.ok) return { file: entry.path, ...checkUndecodable({ path: entry.path, line: staged.line, reason: staged.reason, changes }, config) };
    const previous = isCompared ? (names: readonly string[]) => analyzePrevious(analyze, blobOf(blobs, entry.oldOid), names, config.section, { respectAll: config.respectAll }) : () => null;
    return {
      path: entry.path,
      lines: staged.text.split('\n'),
      module: changes !== WHOLE_FILE && nearChangeOnly ? analyzeChange(analyze, staged.text, changes, bodiesModified) : analyzeWhole(analyze, staged.text, bodiesModified),
      previous,
      changes,
    };
  });
  const inputs = prepared.filter((item) => 'module' in item);
  // A documented function needs the modules it calls into only for the rules that read the body.
  const bodyRules = config.rules.TXB004 !== 'off' || config.rules.TXB005 !== 'off';
  const needsEffects = (fn: FunctionInfo) => bodyRules || !fn.docstring || sectionState(fn.docstring.value, config.section) !== 'present';
  const program = await loadProgram(
    inputs.flatMap((input) => selectChecked(input.module.functions, input.changes).flatMap((fn) => (needsEffects(fn) ? [{ file: input.path, fn }] : []))),
    {
      checked: new Map(inputs.map((input) => [input.path, input.module])),
      load: moduleLoader(inputs, readFiles, (text, bodies) => analyze(text, { ...options, needsFacts: (span, name) => isWanted(bodies, span, name) })),
      section: config.section,
    },
  );
  const effects = new EffectAnalysis(program.resolve);
  return prepared.map((item) => ('module' in item ? { file: item.path, ...checkFile({ ...item, callees: program.outlines, effects }, { ...config, previousName: input.previousName }) } : item));
}

/**
 * Modules of the revision by path, with the bodies of the functions defined on the requested lines analysed:
 * a checked file from its staged text, any other read from the revision once and kept for a later request.
 */
function moduleLoader(
  inputs: readonly FileInput[],
  readFiles: RevisionReader,
  analyzeText: (text: string, bodies: BodiesWanted) => ModuleInfo,
): (requests: ReadonlyMap<string, BodiesWanted>) => Promise<Map<string, ModuleInfo | null>> {
  const texts = new Map<string, string | null>(inputs.map((input) => [input.path, input.lines.join('\n')]));
  return async (requests) => {
    const missing = [...requests.keys()].filter((path) => !texts.has(path));
    const files = missing.length > 0 ? await readFiles(missing) : new Map<string, Buffer | null>();
    for (const path of missing) {
      const bytes = files.get(path);
      const decoded = bytes ? decodeSource(bytes) : null;
      texts.set(path, decoded?.ok ? decoded.text : null);
    }
    return new Map(
      [...requests].map(([path, bodies]) => {
        const text = texts.get(path);
        return [path, text == null ? null : analyzeText(text, bodies)];
      }),
    );
  };
}

/** A mode-only change or a pure rename: nothing in the file changed. */
const NO_CHANGE: ChangedLines = { added: [], deletedAfter: [] };

/**
 * The old side, for TXB002: only the named functions' docstrings matter, so only the top-level blocks defining them are read.
 * An old version that cannot be decoded, or whose text never spells the header (no backslash escape could assemble it either),
 * has no sections to lose, without a parse.
 */
function analyzePrevious(analyze: Analyzer, bytes: Buffer, qualifiedNames: readonly string[], section: string, options: AnalyzeOptions): ModuleInfo | null {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return null;
  const mayHoldSection = decoded.text.toLowerCase().includes(`${section.toLowerCase()}:`) || decoded.text.includes('\\');
  return mayHoldSection ? analyzeDefinitions(analyze, decoded.text, qualifiedNames, { ...options, needsFacts: () => false }) : null;
}

function blobOf(blobs: Map<string, Buffer>, oid: string): Buffer {
  const blob = blobs.get(oid);
  if (!blob) throw new Error(`blob ${oid} was not read`);
  return blob;
}
