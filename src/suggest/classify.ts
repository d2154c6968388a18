import type { Effect, Read, Step } from '../effects/evaluate.js';
import { lastPart, nameLean } from '../python/facts/vocabulary.js';
import type { Pattern } from '../types.js';

/** A suggested pattern with the evidence that decided it. */
export interface Classification {
  pattern: Pattern;
  /** One entry per step or read-only call, in source order: `session.add (line 140)`. */
  evidence: string[];
  /** One human line: what decided, through the chain of calls, then `→ Pattern X`. */
  reason: string;
  /** Pattern C only: each data-changing step of this function, in source order, to pre-fill the numbered steps. */
  steps: string[];
}

/** How many steps are named in `reason` before the rest are only counted. */
const NAMED_IN_REASON = 2;
/** Beyond these, a suggestion stops being something to edit: the rest is counted. */
const MAX_STEPS = 12;
const MAX_EVIDENCE = 20;
/**
 * A single write after this many reads through the session is the second step of "validate, then write"
 * (docs/suggestion.md); after one read it is the usual "load the row, change it".
 */
const VALIDATING_LOOKUPS = 2;

/**
 * The pattern to suggest from what a function does (docs/suggestion.md): A when no data-changing step is reachable,
 * B for exactly one, C for two or more, for a write repeated over a collection, or for one write after two or more lookups.
 * The name decides only when the body gives no evidence; the section is never read: the suggestion says what the code does.
 */
export function classify(functionName: string, effect: Effect): Classification {
  const steps = [...effect.steps].sort((a, b) => a.line - b.line);
  const evidence = capped([...steps.map(describeStep), ...effect.reads.map(describeRead)], MAX_EVIDENCE);
  if (effect.count === 0) {
    const [read] = effect.reads;
    if (read) return { pattern: 'A', evidence, reason: `${describeRead(read)} → Pattern A`, steps: [] };
    const lean = nameLean(functionName) ?? 'A';
    const reason = lean === 'A' ? 'no data-changing step and no call that could take one → Pattern A' : `no data-changing step found; the name ${lastPart(functionName)} leans to Pattern ${lean}`;
    return { pattern: lean, evidence, reason, steps: [] };
  }
  const validated = effect.count === 1 && effect.queries >= VALIDATING_LOOKUPS;
  const pattern: Pattern = effect.count >= 2 || validated ? 'C' : 'B';
  // Each step may carry its own chain (`→ writes via …`): `;` keeps them apart.
  const named = steps.slice(0, NAMED_IN_REASON).map(describeStep);
  const more = steps.length - NAMED_IN_REASON;
  if (more > 0) named.push(`${more} more ${more === 1 ? 'step' : 'steps'}`);
  const lookups = validated ? `${effect.queries} lookups, then ` : '';
  const reason = `${lookups}${named.join('; ')} → Pattern ${pattern}`;
  const texts = steps.map((step) => step.text);
  return { pattern, evidence, reason, steps: pattern === 'C' ? capped(texts, MAX_STEPS, ' steps') : [] };
}

/** The first `limit - 1` items, then `… and N more<unit>`. */
function capped(items: string[], limit: number, unit = ''): string[] {
  return items.length <= limit ? items : [...items.slice(0, limit - 1), `… and ${items.length - limit + 1} more${unit}`];
}

/**
 * `session.add (line 12)`,
 * `create_line(…) (line 14) → writes via session.add (orders.py:88)`,
 * `notify(…) (line 20) → counted as one step: its code cannot be read`.
 */
export function describeStep(step: Step): string {
  const at = `${step.label} (line ${step.line})`;
  const loop = step.repeated ? ', repeated in a loop' : '';
  if (step.label.endsWith('…)')) {
    const times = step.weight >= 2 ? `${step.weight} steps` : 'writes';
    const via = step.origin ? ` via ${step.origin.label} (${step.origin.file.split('/').at(-1)}:${step.origin.line})` : '';
    const how = step.origin ? `${times}${via}` : step.weight >= 2 ? `${step.weight} steps, by its documented section` : 'counted as one step: its code cannot be read';
    return `${at} → ${how}${loop}`;
  }
  return `${at}${loop}`;
}

/** `_get_orders_impl(…) (line 40) → reads only`. */
function describeRead(read: Read): string {
  return `${read.label} (line ${read.line}) → reads only`;
}
