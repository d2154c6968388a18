import type { AnalyzeOptions, ModuleInfo } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { analyzeWhole } from './analyze-whole.js';
import { topLevelBlocks } from '../tree/top-level-blocks.js';
import { analyzeKept, bindsOneOf, mentions, statementUnits } from './statement-units.js';

const NOTHING: ModuleInfo = Object.freeze({ functions: [], syntaxErrors: [] });

/**
 * For a lookup of a few functions by qualified name (TXB002 asks whether HEAD's version had a section): the analysis
 * of only the top-level statements that bind the name's first part (`Outer` of `Outer.Inner.method`) and spell its
 * last; other functions may be missing. When the statements cannot be told apart or do not parse alone, the whole
 * file (`analyzeWhole`).
 */
export function analyzeDefinitions(analyze: Analyzer, source: string, qualifiedNames: readonly string[], options: AnalyzeOptions): ModuleInfo {
  const blocks = topLevelBlocks(source);
  if (blocks === null) return analyzeWhole(analyze, source, options, null);
  const units = statementUnits(source, blocks);
  const kept = units.map((unit) => qualifiedNames.some((name) => bindsOneOf(unit, [name.split('.')[0] as string]) && mentions(unit.text, [name.split('.').at(-1) as string])));
  if (!kept.includes(true)) return NOTHING;
  return analyzeKept(analyze, source, units, kept, options) ?? analyzeWhole(analyze, source, options, blocks);
}
