import { sectionState } from '../python/literals/docstring.js';
import { type CallSite, type Modules, resolveCallee } from '../resolve/resolve-callee.js';
import type { Effect } from '../effects/evaluate.js';
import type { Classification } from '../suggest/classify.js';
import type { FunctionInfo, Pattern } from '../types.js';
import type { BodyFinding } from './body-finding.js';
import type { FileInput } from './check.js';
import { findContradiction } from './consistency.js';
import { atFunction, type Diagnostic, frameLines, type Severity } from './diagnostic.js';
import { findExtraTransactions } from './extra-transactions.js';
import { isSuppressed, type RuleCode, type RuleSetting, severityOf } from '../rules.js';
import { findDroppedSessions } from './session-handoff.js';

export interface BodyRuleInput extends Pick<FileInput, 'path' | 'lines' | 'callees'> {
  /** The file's own outline, for calls within the module. */
  outline: CallSite['outline'];
  /** What the function does, following its calls, and the pattern that fits it. */
  effect: Effect;
  classification: Classification;
}

export interface BodyRuleOptions {
  /** The section header, without its colon. */
  section: string;
  rules: Record<RuleCode, RuleSetting>;
  templates: Partial<Record<Pattern, string>>;
}

const NO_MODULES: Modules = new Map();

/**
 * TXB004–TXB006 for one checked function: what its section promises, what its body does with sessions.
 * Only functions whose body was read (the modified ones, or all under `--all`) have the facts; a rule that is off is skipped.
 */
export function checkBody(fn: FunctionInfo, input: BodyRuleInput, options: BodyRuleOptions): Diagnostic[] {
  if (!fn.facts.session) return [];
  const active = (code: BodyFinding['code']) => severityOf(code, options.rules) !== null && !isSuppressed(fn.suppressed, code);
  const findings: Array<BodyFinding | null> = [];
  if (active('TXB004') && fn.docstring && sectionState(fn.docstring.value, options.section) === 'present') {
    findings.push(findContradiction(fn, input.effect, input.classification, options));
  }
  if (active('TXB005')) {
    const site: CallSite = {
      file: input.path,
      outline: input.outline,
      imports: fn.facts.session.imports,
      classPath: fn.qualifiedName.split('.').slice(0, -1),
    };
    findings.push(findDroppedSessions(fn, (callee) => resolveCallee(callee, site, input.callees ?? NO_MODULES)));
  }
  if (active('TXB006')) findings.push(findExtraTransactions(fn));
  return findings.flatMap((finding) => {
    const severity = finding && severityOf(finding.code, options.rules);
    return finding && severity ? [toDiagnostic(fn, finding, severity, input, options.section)] : [];
  });
}

function toDiagnostic(fn: FunctionInfo, finding: BodyFinding, severity: Severity, input: BodyRuleInput, section: string): Diagnostic {
  const header = finding.code === 'TXB004' ? sectionLine(fn, input.lines, section) : null;
  const shown = [fn.defLine, ...(header === null ? [] : [header]), ...finding.lines.slice(0, 2)];
  return {
    code: finding.code,
    severity,
    ...atFunction(input.path, fn),
    message: finding.message,
    pattern: finding.pattern,
    evidence: finding.evidence,
    reason: null,
    suggestion: finding.suggestion,
    frame: frameLines(input.lines, shown),
    help: { text: finding.help.text, code: finding.help.code.map((line) => `${indentOf(input.lines, finding)}${line}`) },
    fix: null,
  };
}

/** TXB004's code is a docstring section, already indented; the others are shown at the indentation of the first call. */
function indentOf(lines: readonly string[], finding: BodyFinding): string {
  const [first] = finding.lines;
  if (finding.code === 'TXB004' || first === undefined) return '';
  return /^[ \t]*/.exec(lines[first - 1] ?? '')?.[0] ?? '';
}

function sectionLine(fn: FunctionInfo, lines: readonly string[], section: string): number | null {
  if (!fn.docstring) return null;
  const header = `${section.toLowerCase()}:`;
  for (let line = fn.docstring.range.start; line <= fn.docstring.range.end; line++) {
    if ((lines[line - 1] ?? '').toLowerCase().includes(header)) return line;
  }
  return null;
}
