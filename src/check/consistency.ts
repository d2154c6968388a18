import { readDocumentedPattern } from '../effects/documented-pattern.js';
import type { Effect } from '../effects/evaluate.js';
import type { Classification } from '../suggest/classify.js';
import { describeStep } from '../suggest/classify.js';
import { PATTERN_NAMES } from '../suggest/pattern-names.js';
import { renderSection } from '../suggest/template.js';
import type { FunctionInfo } from '../types.js';
import { type BodyFinding, nameFirst } from './body-finding.js';
import type { BodyRuleOptions } from './body-rules.js';

/**
 * TXB004 (docs/suggestion.md, "TXB004"): the section names a pattern the code does not keep. It says read-only (Pattern A's
 * wording) while a data-changing step is reachable, or a single operation (Pattern B's) while two or more are.
 * Only steps known from code read count, in the body or down its calls; a callee guessed from its name never contradicts.
 * Wording that names no pattern, or Pattern C's, is never contradicted.
 */
export function findContradiction(fn: FunctionInfo, effect: Effect, classification: Classification, options: BodyRuleOptions): BodyFinding | null {
  if (!fn.docstring) return null;
  const claim = readDocumentedPattern(fn.docstring.value, options.section);
  if (!claim || claim.pattern === 'C') return null;
  const known = effect.steps.filter((step) => step.origin !== null).sort((a, b) => a.line - b.line);
  const limit = claim.pattern === 'A' ? 1 : 2;
  if (effect.known < limit || known.length === 0) return null;
  const breach = claim.pattern === 'A' ? (known.some((step) => step.label.endsWith('…)')) ? 'a data-changing step is reachable' : 'the body writes') : `it takes ${effect.known} data-changing steps`;
  return {
    code: 'TXB004',
    message: `the "${options.section}:" section of \`${fn.qualifiedName}\` says "${claim.wording}" but ${breach}: ${nameFirst(known)}`,
    evidence: [`claim: "${claim.wording}" (${claim.phrase})`, ...known.map(describeStep)],
    lines: known.map((step) => step.line),
    help: {
      text: `make the section say what the code does (Pattern ${classification.pattern}, ${PATTERN_NAMES[classification.pattern]}), or make the code keep its promise:`,
      code: renderSection(classification, { ...options, indent: fn.docstring.indent }),
    },
    pattern: classification.pattern,
    suggestion: renderSection(classification, { ...options, indent: '' }).join('\n'),
  };
}
