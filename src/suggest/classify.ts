import type { BodyEvent, BodyFacts, Pattern } from '../types.js';
import { lastPart, nameLean } from './vocabulary.js';

/** A suggested pattern with the evidence that decided it. */
export interface Classification {
  pattern: Pattern;
  /** One entry per event, in source order: `session.add (line 140)`. */
  evidence: string[];
  /** One human line: what decided, then `→ Pattern X`. */
  reason: string;
  /** Pattern C only: each event's call text, in source order, to pre-fill the numbered steps. */
  steps: string[];
}

/** How many writes are named in `reason` before the rest are only counted. */
const NAMED_WRITES = 2;
/** Beyond these, a suggestion stops being something to edit: the rest is counted. */
const MAX_STEPS = 12;
const MAX_EVIDENCE = 20;

/**
 * Choose the pattern to suggest (SPEC §2). With W writes and Sx calls that
 * hand the session to a function not named like a reader:
 * C when W ≥ 2, or W ≥ 1 and Sx ≥ 1, or Sx ≥ 2; B when W = 1 or Sx = 1;
 * A otherwise. A call with a read-only name (`get_user(session, id)`) does
 * not change state, so like SPEC §2 it never turns a single write into C.
 * The function's name decides only when the body gives no evidence at all.
 */
export function classify(functionName: string, facts: BodyFacts): Classification {
  const events = facts.events;
  const writes = events.filter((event) => event.kind === 'write');
  const calls = events.filter((event) => event.kind === 'session-call');
  const changing = calls.filter((event) => !event.readOnly).length;
  const evidence = capped(events.map(describeEvent), MAX_EVIDENCE, (more) => `… and ${more} more`);

  if (events.length === 0) {
    const lean = nameLean(functionName) ?? 'A';
    const reason = lean === 'A'
      ? 'no writes and no calls passing the session → Pattern A'
      : `no writes found; the name ${lastPart(functionName)} leans to Pattern ${lean}`;
    return { pattern: lean, evidence, reason, steps: [] };
  }

  const pattern: Pattern =
    writes.length >= 2 || (writes.length >= 1 && changing >= 1) || changing >= 2
      ? 'C'
      : writes.length === 1 || changing === 1
        ? 'B'
        : 'A';
  const reason = `${describeWrites(writes)}, ${describeCalls(calls)} → Pattern ${pattern}`;
  const steps = pattern === 'C' ? capped(events.map((event) => event.text), MAX_STEPS, (more) => `… and ${more} more steps`) : [];
  return { pattern, evidence, reason, steps };
}

function capped(items: string[], limit: number, rest: (more: number) => string): string[] {
  return items.length <= limit ? items : [...items.slice(0, limit - 1), rest(items.length - limit + 1)];
}

/** `session.add (line 140)`, `create_order(session=…) (line 142, read-only)`. */
function describeEvent(event: BodyEvent): string {
  const callee = abbreviate(event.callee);
  if (event.kind === 'write') return `${callee} (line ${event.line})`;
  const keyword = /[(,]\s*(session|db_session|sess)\s*=(?!=)/.exec(event.text)?.[1];
  const note = event.readOnly ? ', read-only' : '';
  return `${callee}(${keyword ? `${keyword}=…` : '…'}) (line ${event.line}${note})`;
}

function describeWrites(writes: BodyEvent[]): string {
  if (writes.length === 0) return 'no writes';
  const named = writes
    .slice(0, NAMED_WRITES)
    .map((event) => `${abbreviate(event.callee)} (line ${event.line})`)
    .join(', ');
  const more = writes.length - NAMED_WRITES;
  return more > 0 ? `${named} and ${more} more ${more === 1 ? 'write' : 'writes'}` : named;
}

function describeCalls(calls: BodyEvent[]): string {
  if (calls.length === 0) return 'no calls passing the session';
  const readOnly = calls.filter((event) => event.readOnly).length;
  const noun = calls.length === 1 ? 'call' : 'calls';
  if (readOnly === calls.length) return `${calls.length} read-only ${noun} passing the session`;
  const note = readOnly > 0 ? ` (${readOnly} read-only)` : '';
  return `${calls.length} ${noun} passing the session${note}`;
}

/** `session.query(U).filter(U.id==1).update` → `session.query(…).filter(…).update`. */
function abbreviate(callee: string): string {
  let result = '';
  let depth = 0;
  for (const char of callee) {
    if (char === '(') {
      if (depth === 0) result += '(…)';
      depth++;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      result += char;
    }
  }
  return result;
}
