import { classify } from '../suggest/classify.js';
import { renderSection } from '../suggest/template.js';
import { lastPart } from '../suggest/vocabulary.js';
import type { BodyEvent, FunctionInfo, Pattern } from '../types.js';
import type { BodyFinding } from './body-finding.js';
import { readClaim } from './section-claim.js';

const PATTERN_NAMES = { A: 'read-only', B: 'single-step write', C: 'multi-step atomic' } as const;
/** `flush`/`commit` send or finish what was written; they are not another step. */
const SYNC_METHODS = new Set(['flush', 'commit']);
const NAMED = 3;

export interface ContradictionOptions {
  section: string;
  templates: Partial<Record<Pattern, string>>;
}

/**
 * TXB004: the section promises what the body does not keep.
 *
 * - "read-only" (Pattern A wording) while the body has a write;
 * - "single operation" (Pattern B wording) while the body has two distinct
 *   writes, or a write and a nested call that hands the session to a
 *   function not named like a reader. `flush`/`commit` do not count as a
 *   second write, and the same write in two branches (`s.add(x)` with and
 *   without a caller's session) counts once.
 *
 * Nested calls alone never contradict: whether they write is a guess from
 * their names. The suggested section is the one the body reads as.
 */
export function findContradiction(fn: FunctionInfo, options: ContradictionOptions): BodyFinding | null {
  if (!fn.docstring) return null;
  const claim = readClaim(fn.docstring.value, options.section);
  if (!claim) return null;
  const events = fn.facts.events;
  const writes = events.filter((event) => event.kind === 'write');
  let evidence: BodyEvent[];
  let breach: string;
  if (claim.kind === 'read-only') {
    if (writes.length === 0) return null;
    evidence = writes;
    breach = writes.length === 1 ? 'the body writes' : `the body writes ${writes.length} times`;
  } else {
    const steps = distinctWrites(writes);
    const changing = events.filter((event) => event.kind === 'session-call' && !event.readOnly);
    if (steps.length >= 2) {
      evidence = steps;
      breach = `the body has ${steps.length} writes`;
    } else if (steps.length === 1 && changing.length > 0) {
      evidence = [...steps, ...changing].sort((a, b) => a.line - b.line);
      breach = `the body writes and hands the session to ${changing.length === 1 ? 'a nested call' : `${changing.length} nested calls`}`;
    } else {
      return null;
    }
  }
  const classification = classify(fn.name, fn.facts);
  const render = { section: options.section, templates: options.templates };
  return {
    code: 'TXB004',
    message: `the ${quote(options.section)} section of \`${fn.qualifiedName}\` says "${claim.wording}" but ${breach}: ${named(evidence)}`,
    evidence: [`claim: "${claim.wording}" (${claim.phrase})`, ...evidence.map(describe)],
    lines: evidence.map((event) => event.line),
    help: {
      text: `make the section say what the body does (Pattern ${classification.pattern}, ${PATTERN_NAMES[classification.pattern]}), or make the body keep its promise:`,
      code: renderSection(classification, { ...render, indent: fn.docstring.indent }),
    },
    pattern: classification.pattern,
    suggestion: renderSection(classification, { ...render, indent: '' }).join('\n'),
  };
}

/** Writes that are steps of their own: no `flush`/`commit`, the same call in two branches once. */
function distinctWrites(writes: BodyEvent[]): BodyEvent[] {
  const seen = new Set<string>();
  return writes.filter((event) => {
    const method = lastPart(event.callee);
    if (SYNC_METHODS.has(method)) return false;
    const args = event.text.startsWith(event.callee) ? event.text.slice(event.callee.length) : event.text;
    const key = `${method}${args}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(event: BodyEvent): string {
  return `${event.kind === 'write' ? event.callee : `${event.callee}(…)`} (line ${event.line})`;
}

function named(events: BodyEvent[]): string {
  const shown = events.slice(0, NAMED).map(describe).join(', ');
  return events.length > NAMED ? `${shown} and ${events.length - NAMED} more` : shown;
}

function quote(section: string): string {
  return `"${section}:"`;
}
