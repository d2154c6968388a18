import { checkFile, checkUndecodable, type FileInput, type FileResult } from './check.js';
import { isModified, WHOLE_FILE } from './select.js';
import type { Config } from '../config.js';
import type { DiffEntry } from '../git/parse-raw-diff.js';
import { analyzeChange } from '../python/analyze-change.js';
import { analyzeDefinitions } from '../python/analyze-definitions.js';
import { analyzeWhole } from '../python/analyze-whole.js';
import { decodeSource } from '../python/decode.js';
import type { Analyzer } from '../python/analyze.js';
import type { AnalyzeOptions, ChangedLines, ModuleInfo } from '../types.js';

/** Reads, from the revision being checked, the modules that checked functions call into (TXB005). */
export type CalleeReader = (
  analyze: Analyzer,
  inputs: readonly FileInput[],
  options: AnalyzeOptions,
) => Promise<FileInput['callees']>;

export interface CheckFilesInput {
  /** The selected files of the change (or of the index, for an audit). */
  entries: readonly DiffEntry[];
  /** Those with an old side to compare with. */
  compared: readonly DiffEntry[];
  blobs: Map<string, Buffer>;
  changedLines: Map<string, ChangedLines>;
  analyze: Analyzer;
  config: Config;
  readCallees: CalleeReader;
  /**
   * The hook's staged check: a changed file is parsed only in the statements
   * its change touches, and a syntax error elsewhere goes unreported. Range
   * mode and the audit parse every file whole and report every error.
   */
  nearChangeOnly: boolean;
}

/**
 * Analysis and rules over every selected file: decode, analyse the staged
 * side (bodies only where modified), read callee modules once for all, then
 * apply the rules. Loaded only when a Python file is to be checked.
 */
export async function checkFiles(input: CheckFilesInput): Promise<(FileResult & { file: string })[]> {
  const { entries, compared, blobs, changedLines, analyze, config, readCallees, nearChangeOnly } = input;
  const comparedSet = new Set(compared);
  const options = { respectAll: config.respectAll };
  const prepared = entries.map((entry): { file: string; input: FileInput } | FileResult & { file: string } => {
    const isCompared = comparedSet.has(entry);
    const changes = isCompared ? (changedLines.get(entry.path) ?? NO_CHANGE) : WHOLE_FILE;
    const staged = decodeSource(blobOf(blobs, entry.newOid));
    if (!staged.ok) return { file: entry.path, ...checkUndecodable({ path: entry.path, line: staged.line, reason: staged.reason, changes }, config) };
    const previous = isCompared ? (names: readonly string[]) => analyzePrevious(analyze, blobOf(blobs, entry.oldOid), names, config.section, options) : () => null;
    const input: FileInput = {
      path: entry.path,
      lines: staged.text.split('\n'),
      module:
        changes !== WHOLE_FILE && nearChangeOnly
          ? analyzeChange(analyze, staged.text, changes, { ...options, needsFacts: (span) => isModified(span, changes) })
          : analyzeWhole(analyze, staged.text, { ...options, needsFacts: (span) => isModified(span, changes) }),
      previous,
      changes,
    };
    return { file: entry.path, input };
  });
  // TXB005 needs the modules that checked functions call into, from the same revision.
  const inputs = prepared.flatMap((item) => ('input' in item ? [item.input] : []));
  const callees = config.rules.TXB005 === 'off' ? undefined : await readCallees(analyze, inputs, options);
  return prepared.map((item) => ('input' in item ? { file: item.file, ...checkFile({ ...item.input, callees }, config) } : item));
}

/** A mode-only change or a pure rename: nothing in the file changed. */
const NO_CHANGE: ChangedLines = { added: [], deletedAfter: [] };

/**
 * The old side, for TXB002: only the docstrings of the functions named
 * matter, so only the top-level blocks that define them are parsed. An old
 * version that cannot be decoded has no sections to lose, and one whose
 * text never spells the header (no backslash escape could assemble it
 * either) has none to lose as well, without a parse.
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

