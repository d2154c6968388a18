import type { FunctionInfo } from '../types.js';
import type { BodyFinding } from './body-finding.js';

/**
 * TXB006: more than one transaction where the conventions promise one.
 *
 * - Two or more `session_scope(…)` on one path through the body (see `mostScopesOnOnePath`): each commits on its own,
 *   so a failure in a later step leaves the earlier ones committed.
 * - A function handed a session (it has a session parameter) opens a new `session_scope()` anyway. Not flagged:
 *   `session_scope(session)`, which passes the caller's session through (the "inherit or open" idiom), and a scope
 *   opened only where the parameter is None (`if session is None:`, after `if session is not None: return …`,
 *   `… if session is None else …`).
 */
export function findExtraTransactions(fn: FunctionInfo): BodyFinding | null {
  const facts = fn.facts.session;
  if (!facts) return null;
  const name = `\`${fn.qualifiedName}\``;
  const several = facts.mostScopesOnOnePath >= 2;
  const parameter = facts.parameter?.name ?? null;
  const fresh = parameter === null ? [] : facts.scopes.filter((scope) => !scope.inherits && !scope.whenNoSession);
  if (!several && fresh.length === 0) return null;

  const parts: string[] = [];
  if (several) {
    const lines = facts.scopes.map((scope) => scope.line).join(', ');
    parts.push(
      `${name} opens ${facts.mostScopesOnOnePath} session_scope() transactions on one path (lines ${lines}); each commits on its own, so a failure in a later one leaves the earlier ones committed`,
    );
  }
  if (fresh.length > 0) {
    const where = fresh.map((scope) => scope.line).join(', ');
    parts.push(`${several ? 'it' : name} is handed a session (\`${parameter}\`) but opens a new session_scope() (line ${where}), a transaction the caller cannot roll back`);
  }
  const shown = several ? facts.scopes : fresh;
  const opener = `session_scope(${parameter ?? ''})`;
  return {
    code: 'TXB006',
    message: parts.join('; '),
    evidence: shown.map((scope) => `${scope.text} (line ${scope.line}${scope.inherits ? ', passes a session through' : ''})`),
    lines: shown.map((scope) => scope.line),
    help: several
      ? {
          text: `open one transaction around every step and pass its session to each${parameter ? `, reusing the caller's \`${parameter}\`` : ''}:`,
          code: [`with ${opener} as s:`, '    ...  # every step, with session=s'],
        }
      : {
          text: `pass the given session through, so the work joins the caller's transaction when there is one:`,
          code: [`with ${opener} as s:`],
        },
    pattern: null,
    suggestion: null,
  };
}
