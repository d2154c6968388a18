import type { HeldCall, ScopeOpening, SessionFacts } from '../../session-types.js';
import { isInertCallee, isSessionMaker, lastPart, SESSION_NAMES } from './vocabulary.js';
import type { BodyNodes } from '../tree/body-nodes.js';
import { type CodeText, oneLine } from '../tree/code-text.js';
import { argumentsOf, argumentValue } from './arguments.js';
import { sessionParameterOf } from '../inventory/parameters.js';
import { mostScopesOnOnePath } from './scope-paths.js';
import { type Context, contextsOfCalls } from './session-context.js';
import type { NameBindings } from './name-bindings.js';
import { isSessionValue, passesSession } from './session-values.js';
import type { SyntaxNode } from '../tree/syntax-node.js';

/**
 * How a function body (nested helpers included) handles sessions: which `session_scope(…)` it opens and under which
 * guard (TXB006), and which calls it makes while it holds a session without passing one on (TXB005).
 */
export function collectSessionFacts(source: string, nodes: BodyNodes, names: NameBindings): SessionFacts {
  const { root, calls, others, code } = nodes;
  const parameter = sessionParameterOf(root, source);
  const contexts = contextsOfCalls(calls, others, code);
  const scopes: ScopeOpening[] = [];
  const openings: number[] = [];
  const held: HeldCall[] = [];
  calls.forEach((call, i) => {
    const context = contexts[i] as Context;
    if (isScopeOpener(call)) {
      scopes.push(describeOpening(call, context, parameter?.name ?? null, names, code));
      openings.push(call.startIndex);
    } else if (context.held !== null) {
      const candidate = describeHeldCall(call, context, names, code);
      if (candidate) held.push(candidate);
    }
  });
  return { parameter, scopes, mostScopesOnOnePath: mostScopesOnOnePath(root, openings), calls: held, imports: names.imports };
}

function describeOpening(call: SyntaxNode, context: Context, parameter: string | null, names: NameBindings, code: CodeText): ScopeOpening {
  return {
    line: call.startPosition.row + 1,
    text: oneLine(code.of(call)),
    inherits: argumentsOf(call).some((arg) => isSessionValue(argumentValue(arg), names)),
    whenNoSession: parameter !== null && context.none.has(parameter),
  };
}

/**
 * A call to a dotted name that passes no session on, made where a session is held. Left out: calls through local names,
 * on the session itself, to session factories or inert builtins, and with `*args`/`**kwargs` (what they pass is unknown).
 */
function describeHeldCall(call: SyntaxNode, context: Context, names: NameBindings, code: CodeText): HeldCall | undefined {
  const callee = call.childForFieldName('function');
  const parts = callee ? dottedParts(callee) : null;
  const [first] = parts ?? [];
  if (!parts || first === undefined || context.held === null) return undefined;
  const isMethodCall = (first === 'self' || first === 'cls') && parts.length === 2;
  if (names.assigned.has(first) && !Object.hasOwn(names.imports, first) && !isMethodCall) return undefined;
  if (SESSION_NAMES.has(first) || names.sessions.has(first)) return undefined;
  const calleeText = parts.join('.');
  if (isSessionMaker(calleeText) || isInertCallee(calleeText)) return undefined;
  const args = argumentsOf(call);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  if (args.some((arg) => passesSession(arg, names))) return undefined;
  return {
    callee: calleeText,
    line: call.startPosition.row + 1,
    text: oneLine(code.of(call)),
    positional: args.filter((arg) => arg.type !== 'keyword_argument').length,
    keywords: args.flatMap((arg) => (arg.type === 'keyword_argument' ? [arg.childForFieldName('name')?.text ?? ''] : [])),
    session: context.held,
  };
}

/** `a`, `a.b.c` → the parts; anything else (a call result, a subscript) → null. */
function dottedParts(node: SyntaxNode): string[] | null {
  const parts: string[] = [];
  let current: SyntaxNode | null = node;
  while (current?.type === 'attribute') {
    const attribute = current.childForFieldName('attribute')?.text;
    if (!attribute) return null;
    parts.unshift(attribute);
    current = current.childForFieldName('object');
  }
  if (current?.type !== 'identifier') return null;
  parts.unshift(current.text);
  return parts;
}

/** `session_scope(…)`, `db.session_scope(…)`: a call that opens a transaction of its own (docs/suggestion.md). */
function isScopeOpener(call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  return callee !== null && (callee.type === 'identifier' || callee.type === 'attribute') && lastPart(callee.text.replace(/\s+/g, '')) === 'session_scope';
}
