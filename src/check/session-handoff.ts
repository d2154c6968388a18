import type { Resolution } from '../resolve/resolve-callee.js';
import type { HeldCall, SessionParameter } from '../session-types.js';
import type { FunctionInfo } from '../types.js';
import { type BodyFinding, nameFirst } from './body-finding.js';

/** A call that leaves the session behind, with the function it reaches. */
type DroppedSession = Extract<Resolution, { kind: 'resolved' }> & { call: HeldCall; parameter: SessionParameter };

/**
 * TXB005: while holding a session, the function calls a function of this repository that takes a session parameter and passes
 * none (no keyword of that name, no positional argument at its position): the callee works in a transaction of its own.
 * `resolve` says which function a callee reaches; what it cannot place (third-party code, dynamic calls) is never a finding.
 */
export function findDroppedSessions(fn: FunctionInfo, resolve: (callee: string) => Resolution): BodyFinding | null {
  const calls = fn.facts.session?.calls ?? [];
  const dropped: DroppedSession[] = [];
  for (const call of calls) {
    const resolution = resolve(call.callee);
    if (resolution.kind !== 'resolved') continue;
    const parameter = resolution.signature.session;
    if (parameter && !receives(call, parameter)) dropped.push({ call, parameter, ...resolution });
  }
  const [first] = dropped;
  if (!first) return null;
  const name = `\`${fn.qualifiedName}\``;
  const message =
    dropped.length === 1
      ? `${name} holds a session (\`${first.call.session}\`) but calls \`${first.call.callee}\` without it (line ${first.call.line}); ` +
        `${first.signature.qualifiedName} takes \`${first.parameter.name}\` (${first.path}:${first.signature.line}), so its work runs outside this transaction`
      : `${name} holds a session (\`${first.call.session}\`) but calls ${dropped.length} functions that take one without passing it: ` +
        nameFirst(dropped.map((d) => ({ label: d.call.callee, line: d.call.line })));
  return {
    code: 'TXB005',
    message,
    evidence: dropped.map((d) => `${d.call.text} (line ${d.call.line}) → ${d.signature.qualifiedName}(…, ${d.parameter.name}) at ${d.path}:${d.signature.line}`),
    lines: dropped.map((d) => d.call.line),
    help: { text: 'pass the session on, so the call joins this transaction:', code: dropped.map(withSession) },
    pattern: null,
    suggestion: null,
  };
}

/** A keyword of the parameter's name, or enough positional arguments to reach it. */
function receives(call: HeldCall, parameter: SessionParameter): boolean {
  return call.keywords.includes(parameter.name) || (parameter.position !== null && call.positional > parameter.position);
}

/** `record(order, 5)` → `record(order, 5, session=s)`. */
function withSession({ call, parameter }: DroppedSession): string {
  const keyword = `${parameter.name}=${call.session}`;
  if (call.text.includes('…') || !call.text.endsWith(')')) return `${call.callee}(…, ${keyword})`;
  const open = call.text.slice(0, -1);
  return `${open}${open.endsWith('(') ? '' : open.endsWith(',') ? ' ' : ', '}${keyword})`;
}
