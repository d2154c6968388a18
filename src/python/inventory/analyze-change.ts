import { isModified } from '../../changes.js';
import { outgoingCalls } from '../facts/flow.js';
import type { AnalyzeOptions, ChangedLines, ModuleInfo } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { analyzeWhole } from './analyze-whole.js';
import { topLevelBlocks } from '../tree/top-level-blocks.js';
import { analyzeKept, bindsOneOf, statementUnits, touched } from './statement-units.js';

/**
 * The analysis of a file's staged change, parsing only the statements the change touches (top-level ones, or the body
 * statements of a touched class) and those that can bind a name their analysis reads: `__all__` and the names the
 * modified bodies call (the suggestion, TXB004, TXB005).
 * Statements are cut where Python's tokenizer would end them (`topLevelBlocks`), and a statement parses the same alone
 * as in its file, so a syntax error left out cannot hide a function of the change; nor is it reported (README,
 * "When txboundary refuses"; range mode and the audit parse files whole).
 * The result is `partial`: its outline lacks names nobody asked for.
 */
export function analyzeChange(analyze: Analyzer, source: string, changes: ChangedLines, options: AnalyzeOptions): ModuleInfo {
  const blocks = topLevelBlocks(source);
  if (blocks === null) return analyzeWhole(analyze, source, options, null);
  const units = statementUnits(source, blocks, changes);
  const wanted = units.map((unit) => touched(unit, changes) || (options.respectAll && bindsOneOf(unit, ['__all__'])));
  let module = analyzeKept(analyze, source, units, wanted, options);
  if (module?.outline) {
    // The outline is read from what was parsed: add the statements that can bind the names looked up in it.
    const names = outlineNames(module, changes);
    const more = units.map((unit, i) => (wanted[i] as boolean) || bindsOneOf(unit, names));
    if (more.some((keep, i) => keep !== wanted[i])) module = analyzeKept(analyze, source, units, more, options);
  }
  return module ? { ...module, partial: true } : analyzeWhole(analyze, source, options, blocks);
}

/** The names the modified functions' calls look up: `orders` of `orders.create`; the method's class and `save` for `self.save`. */
function outlineNames(module: ModuleInfo, changes: ChangedLines): string[] {
  const names = new Set<string>();
  for (const fn of module.functions) {
    if (!isModified(fn.span, changes)) continue;
    for (const call of [...outgoingCalls(fn.facts.flow), ...(fn.facts.session?.calls ?? [])]) {
      const [first, method] = call.callee.split('.');
      if (first === 'self' || first === 'cls') {
        if (method !== undefined) names.add(method);
      } else if (first !== undefined) names.add(first);
    }
    const [owner] = fn.qualifiedName.split('.');
    if (owner !== undefined && owner !== fn.qualifiedName) names.add(owner);
  }
  return [...names];
}
