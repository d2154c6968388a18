import type { FunctionInfo, Pattern } from '../types.js';
import { type Call, type Flow, flowNodes, type Operation } from '../python/facts/flow.js';
import { isReadOnlyName, SESSION_NAMES } from '../python/facts/vocabulary.js';

/** A function of the repository, in its file. Its flow is read when `fn.facts.flow` is there. */
export interface FunctionRef {
  /** Repo-relative path with `/`. */
  file: string;
  fn: FunctionInfo;
}

/** What a call reaches. */
export type CallTarget =
  | { kind: 'function'; ref: FunctionRef }
  /** A function of the repository whose body was not read; its section may still say what it does. */
  | { kind: 'unread'; documented: Pattern | null }
  | { kind: 'unresolved' };

export type Resolve = (callee: string, from: FunctionRef) => CallTarget;

/** Where a data-changing step is finally taken: `session.add` in `services/orders.py` at line 88. */
export interface Origin {
  label: string;
  file: string;
  line: number;
}

/** A data-changing step of a function, named by what this function writes or calls. */
export interface Step {
  /** `session.add`, `create_line(…)`. */
  label: string;
  text: string;
  line: number;
  /** How many data-changing steps this stands for (a callee may take several; 0: a row already written). */
  weight: number;
  /** The write it comes down to; null when it is only a guess from a name. */
  origin: Origin | null;
  /** It runs once per item of a loop or comprehension. */
  repeated: boolean;
  /**
   * The variable holding the row written (see `Write.row`). Only one function's steps are ever joined (a callee's come in
   * as one call step), so the name alone identifies the row.
   */
  row: string | null;
}

/** A call whose callee was read and changes nothing: evidence for Pattern A. */
export interface Read {
  label: string;
  line: number;
}

/** What one run through a function does, taking the run with the most data-changing steps. */
export interface Effect {
  /** Data-changing steps on that run (a step repeated over a collection counts as two). */
  count: number;
  /** Of those, the ones known from code read, not guessed from a name. */
  known: number;
  steps: readonly Step[];
  reads: readonly Read[];
  /** Reads through the session, here and in the callees. */
  queries: number;
}

const NOTHING: Effect = Object.freeze({ count: 0, known: 0, steps: Object.freeze([]), reads: Object.freeze([]), queries: 0 });
/** Evidence beyond this many entries is counted, not listed. */
const MAX_LISTED = 24;

/** The runs that carry on after a piece of code and that leave the function inside it (null: no such run). */
interface Outcome {
  fall: Effect | null;
  exit: Effect | null;
}

interface Scope {
  ref: FunctionRef;
  locals: ReadonlyMap<string, Flow>;
  /** Locals called by name: they run where called, not where defined. */
  called: ReadonlySet<string>;
  /** Locals being evaluated: a recursive local adds nothing more. */
  active: Set<string>;
}

/**
 * What functions do to data, following their calls (docs/suggestion.md): each function is evaluated once, on the run
 * through its body with the most data-changing steps (branches are alternatives, a loop that writes writes more than once),
 * and a call is worth what its callee does. A cycle of calls is cut where it closes. Pure, given `resolve`.
 */
export class EffectAnalysis {
  readonly #resolve: Resolve;
  readonly #done = new Map<string, Effect>();
  readonly #active = new Set<string>();

  constructor(resolve: Resolve) {
    this.#resolve = resolve;
  }

  /** The effect of a function whose flow was read; nothing for one whose flow was not. */
  of(ref: FunctionRef): Effect {
    const key = `${ref.file}\0${ref.fn.qualifiedName}\0${ref.fn.defLine}`;
    const done = this.#done.get(key);
    if (done) return done;
    const flow = ref.fn.facts.flow;
    if (!flow || this.#active.has(key)) return NOTHING;
    this.#active.add(key);
    const { locals, called } = localsOf(flow);
    const effect = whole(this.#evaluate(flow, { ref, locals, called, active: new Set() }));
    this.#active.delete(key);
    this.#done.set(key, effect);
    return effect;
  }

  #evaluate(flow: Flow, scope: Scope): Outcome {
    switch (flow.kind) {
      case 'seq': {
        let fall: Effect | null = NOTHING;
        let exit: Effect | null = null;
        for (const item of flow.items) {
          const outcome = this.#evaluate(item, scope);
          exit = most(exit, outcome.exit && join(fall, outcome.exit));
          fall = outcome.fall && join(fall, outcome.fall);
          if (!fall) break;
        }
        return { fall, exit };
      }
      case 'branch': {
        const outcomes = flow.arms.map((arm) => this.#evaluate(arm, scope));
        return {
          fall: outcomes.reduce<Effect | null>((best, outcome) => most(best, outcome.fall), null),
          exit: outcomes.reduce<Effect | null>((best, outcome) => most(best, outcome.exit), null),
        };
      }
      case 'loop': {
        const body = this.#evaluate(flow.body, scope);
        return { fall: repeated(whole(body), flow.targets), exit: body.exit };
      }
      case 'exit': {
        const value = this.#evaluate(flow.value, scope);
        return { fall: null, exit: most(value.fall, value.exit) };
      }
      case 'def':
        return { fall: scope.called.has(flow.name) ? NOTHING : whole(this.#evaluate(flow.body, scope)), exit: null };
      default:
        return { fall: this.#operation(flow, scope), exit: null };
    }
  }

  #operation(operation: Operation, scope: Scope): Effect {
    if (operation.kind === 'query') return { ...NOTHING, queries: 1 };
    if (operation.kind === 'write') {
      const label = operation.callee.replace(/\([\s\S]*\)/g, '(…)');
      const origin = { label, file: scope.ref.file, line: operation.line };
      return stepEffect({ label, text: operation.text, line: operation.line, weight: 1, origin, repeated: false, row: operation.row }, 1);
    }
    const label = callLabel(operation.callee, operation.text);
    if (operation.local) {
      const body = scope.locals.get(operation.callee);
      if (!body || scope.active.has(operation.callee)) return NOTHING;
      scope.active.add(operation.callee);
      // A local function runs as part of the function that calls it.
      const effect = whole(this.#evaluate(body, scope));
      scope.active.delete(operation.callee);
      return effect;
    }
    const target: CallTarget = operation.dotted ? this.#resolve(operation.callee, scope.ref) : { kind: 'unresolved' };
    if (target.kind === 'function') {
      const callee = this.of(target.ref);
      if (callee.count === 0) return { ...NOTHING, reads: [{ label, line: operation.line }], queries: callee.queries };
      return { ...stepEffect(callStep(operation, label, callee.count, callee.steps[0]?.origin ?? null), callee.known > 0 ? callee.count : 0), queries: callee.queries };
    }
    if (target.kind === 'unread' && target.documented !== null) {
      const weight = { A: 0, B: 1, C: 2 }[target.documented];
      if (weight === 0) return { ...NOTHING, reads: [{ label, line: operation.line }] };
      return stepEffect(callStep(operation, label, weight, null), 0);
    }
    // A callee nobody can read counts by its name, and only when it is handed the session.
    if (!operation.passesSession || isReadOnlyName(operation.callee)) return NOTHING;
    return stepEffect(callStep(operation, label, 1, null), 0);
  }
}

const SESSION_KEYWORD = new RegExp(`[(,]\\s*(${[...SESSION_NAMES].join('|')})\\s*=(?!=)`);

/** `create_line(…)`, or `create_line(session=…)` when the session is handed on by keyword. */
function callLabel(callee: string, text: string): string {
  const keyword = SESSION_KEYWORD.exec(text)?.[1];
  return `${callee}(${keyword ? `${keyword}=…` : '…'})`;
}

/** A step taken by calling a function: worth `weight` steps, coming down to `origin` when that is known. */
function callStep(call: Call, label: string, weight: number, origin: Origin | null): Step {
  return { label, text: call.text, line: call.line, weight, origin, repeated: false, row: null };
}

function stepEffect(step: Step, known: number): Effect {
  return { count: step.weight, known, steps: [step], reads: [], queries: 0 };
}

/** One piece of code, then another. A row already written is not a new step. */
function join(first: Effect, second: Effect): Effect {
  if (first.count === 0 && first.reads.length === 0 && first.queries === 0) return second;
  if (second.count === 0 && second.reads.length === 0 && second.queries === 0) return first;
  // A row written again stays in the evidence, as no step of its own.
  const rows = new Set(first.steps.flatMap((step) => (step.row === null ? [] : [step.row])));
  const again = second.steps.filter((step) => step.row !== null && rows.has(step.row));
  const weight = again.reduce((sum, step) => sum + step.weight, 0);
  return {
    count: first.count + second.count - weight,
    known: first.known + second.known - weight,
    steps: [...first.steps, ...second.steps.map((step) => (again.includes(step) ? { ...step, weight: 0 } : step))].slice(0, MAX_LISTED),
    reads: [...first.reads, ...second.reads].slice(0, MAX_LISTED),
    queries: first.queries + second.queries,
  };
}

/** The run with the most steps, whether it carries on or leaves. */
function whole(outcome: Outcome): Effect {
  return most(outcome.fall, outcome.exit) ?? NOTHING;
}

/** Of two runs, the one with more data-changing steps (the earlier one on a tie). */
function most(first: Effect | null, second: Effect | null): Effect | null {
  if (!first) return second;
  if (!second) return first;
  if (second.count !== first.count) return second.count > first.count ? second : first;
  if (second.known !== first.known) return second.known > first.known ? second : first;
  return second.reads.length > first.reads.length ? second : first;
}

/**
 * A loop body run once per item: a step in it is taken again and again, unless it changes one row held outside the loop
 * (`for key, value in data.items(): setattr(order, key, value)`).
 */
function repeated(once: Effect, targets: readonly string[]): Effect {
  const again = once.steps.filter((step) => step.row === null || targets.includes(step.row));
  if (once.count === 0 || again.length === 0) return once;
  return {
    count: Math.max(2, once.count),
    known: once.known > 0 ? Math.max(2, once.known) : 0,
    steps: once.steps.map((step) => (again.includes(step) ? { ...step, repeated: true } : step)),
    reads: once.reads,
    queries: once.queries,
  };
}

/** The functions defined inside a flow, by name (the first definition wins), and those of them called by name. */
function localsOf(flow: Flow): { locals: Map<string, Flow>; called: Set<string> } {
  const locals = new Map<string, Flow>();
  const called = new Set<string>();
  for (const node of flowNodes(flow)) {
    if (node.kind === 'def' && !locals.has(node.name)) locals.set(node.name, node.body);
    else if (node.kind === 'call' && node.local) called.add(node.callee);
  }
  return { locals, called };
}
