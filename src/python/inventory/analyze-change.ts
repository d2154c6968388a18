import { isModified } from '../../changes.js';
import { outgoingCalls } from '../facts/flow.js';
import type { AnalyzeOptions, ChangedLines, ModuleInfo } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { analyzeWhole } from './analyze-whole.js';
import { topLevelBlocks } from '../tree/top-level-blocks.js';
import { analyzeKept, bindsOneOf, statementUnits, touched } from './statement-units.js';

/**
 * The analysis of a file's staged change, parsing only the statements that
 * the change touches, plus those that can bind a name the analysis of the
 * touched ones reads: `__all__` (what is public) and the names the modified
 * bodies call (the suggestion, TXB004, TXB005). A statement is a top-level
 * one, or, inside a touched class, one statement of its body. Tree-sitter's
 * parse of a statement does not depend on the statements around it, and
 * they are cut where Python's own tokenizer would end them (see
 * `topLevelBlocks`), so a syntax error in a statement left out cannot hide a
 * function of the change.
 *
 * A syntax error in a statement the change does not touch is not looked
 * for: the hook need not report errors far from the change (README, "When
 * txboundary refuses"); range mode and the audit parse files whole. The
 * result is `partial` when other lines were left out: its outline then lacks
 * names nobody asked for.
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

/**
 * The names the modified functions look up to follow their calls: each
 * callee's first name (`orders` of `orders.create`) at module level; for
 * `self.save` and `cls.save`, the class around the method, and `save` among
 * its methods.
 */
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
