import type { AnalyzeOptions, ModuleInfo } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { analyzeWhole } from './analyze-whole.js';
import { topLevelBlocks } from '../tree/top-level-blocks.js';
import { analyzeKept, bindsOneOf, mentions, statementUnits } from './statement-units.js';

const NOTHING: ModuleInfo = Object.freeze({ functions: [], syntaxErrors: [] });

/**
 * For a lookup of a few functions by qualified name (TXB002 asks whether
 * HEAD's version had a section): the analysis of only the top-level
 * statements that can define them, the one binding the first part of the
 * name (`Outer` for `Outer.Inner.method`) and spelling its last. Other
 * functions of the file may be missing. No such statement: nothing to
 * parse. When the statements cannot be told apart or do not parse on their
 * own, the whole file is parsed, in a way that a syntax error elsewhere
 * cannot hide a definition from (`analyzeWhole`).
 */
export function analyzeDefinitions(analyze: Analyzer, source: string, qualifiedNames: readonly string[], options: AnalyzeOptions): ModuleInfo {
  const blocks = topLevelBlocks(source);
  if (blocks === null) return analyzeWhole(analyze, source, options, null);
  const units = statementUnits(source, blocks);
  const kept = units.map((unit) => qualifiedNames.some((name) => bindsOneOf(unit, [name.split('.')[0] as string]) && mentions(unit.text, [name.split('.').at(-1) as string])));
  if (!kept.includes(true)) return NOTHING;
  return analyzeKept(analyze, source, units, kept, options) ?? analyzeWhole(analyze, source, options, blocks);
}
