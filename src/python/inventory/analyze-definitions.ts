import { lastPart } from '../facts/vocabulary.js';
import type { AnalyzeOptions, ModuleInfo } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { analyzeWhole } from './analyze-whole.js';
import { blocksDefining } from '../tree/definition-blocks.js';

const NOTHING: ModuleInfo = Object.freeze({ functions: [], syntaxErrors: [] });

/**
 * For a lookup of a few functions by qualified name (TXB002 asks whether
 * HEAD's version had a section): the analysis of only the top-level blocks
 * that can define them, with every other line blanked. Tree-sitter's parse
 * of a top-level statement does not depend on the statements around it, so
 * those functions come out as a whole-file analysis would give them; other
 * functions of the file may be missing.
 *
 * No textual `def <name>` for any of them: nothing to parse. The partial
 * text parses with a syntax error, or its blocks cannot be told apart
 * (an unterminated string, say): the whole file is parsed, in a way that a
 * syntax error elsewhere cannot hide a definition from (`analyzeWhole`).
 */
export function analyzeDefinitions(analyze: Analyzer, source: string, qualifiedNames: readonly string[], options: AnalyzeOptions): ModuleInfo {
  const narrowed = blocksDefining(source, qualifiedNames.map(lastPart));
  if (narrowed.kind === 'absent') return NOTHING;
  if (narrowed.kind === 'partial') {
    const partial = analyze(narrowed.text, options);
    if (partial.syntaxErrors.length === 0) return partial;
  }
  return analyzeWhole(analyze, source, options);
}
