import { createColors } from 'picocolors';
import type { Diagnostic } from '../check/diagnostic.js';
import type { CheckReport } from '../run.js';
import { countBlocking } from './json.js';

type Colors = ReturnType<typeof createColors>;

export interface TextOptions {
  color: boolean;
  /** Print findings and failures only: no line when all is well. */
  quiet: boolean;
  /** What was checked: decides whether the summary speaks of a commit or of a range of commits. */
  scope: 'staged' | 'range';
}

const PATTERN_NAMES = { A: 'read-only', B: 'single-step write', C: 'multi-step atomic' } as const;

/**
 * Renders findings like a compiler diagnostic (SPEC §7):
 *
 *     services/orders.py:12:5 TXB002 `create_order` lost its "Transaction boundary:" section (HEAD has one)
 *        |
 *     12 | def create_order(customer, items, session=None):
 *        |     ^^^^^^^^^^^^
 *     13 |     """Create an order for a customer.
 *        |
 *        = evidence: session.add (line 20), 2 calls passing the session → Pattern C
 *     help: restore the section; paste it into the docstring (Pattern C, multi-step atomic):
 *
 *         Transaction boundary: ALL operations in single session (atomic).
 *         …
 */
export function renderText(report: CheckReport, options: TextOptions): string {
  const c = createColors(options.color);
  const blocks = report.diagnostics.map((d) => renderDiagnostic(d, c));
  const failures = report.errors.map((e) => `${c.bold(e.file)}: ${c.yellow('not checked')}: ${e.reason}`);
  const summary = renderSummary(report, options, c);
  return [...blocks, ...failures, ...summary].map((block) => `${block}\n`).join('');
}

function renderDiagnostic(d: Diagnostic, c: Colors): string {
  const codeColor = d.severity === 'error' ? c.red : c.yellow;
  const lines = [`${c.bold(`${d.file}:${d.line}:${d.column}`)} ${codeColor(c.bold(d.code))} ${d.message}`];
  const width = String(Math.max(...d.frame.map((f) => f.line), d.line)).length;
  const gutter = (label = '') => c.blue(`${label.padStart(width)} |`);
  lines.push(gutter());
  for (const { line, text } of d.frame) {
    lines.push(`${gutter(String(line))} ${text}`);
    if (line === d.line) lines.push(`${gutter()} ${caretUnder(text, d, codeColor)}`);
  }
  lines.push(gutter());
  if (d.reason) lines.push(`${c.blue(`${' '.repeat(width)} =`)} ${c.bold('evidence:')} ${d.reason}`);
  if (d.paste && d.pattern) {
    const where = d.paste.wholeDocstring ? 'add this docstring right below the `def` line' : 'paste this into the docstring';
    lines.push(`${c.cyan(c.bold('help:'))} ${where} (Pattern ${d.pattern}, ${PATTERN_NAMES[d.pattern]}):`, '');
    lines.push(...d.paste.lines.map((line) => c.green(line)), '');
  } else if (d.help) {
    lines.push(`${c.cyan(c.bold('help:'))} ${d.help.text}`, '');
    if (d.help.code.length > 0) lines.push(...d.help.code.map((line) => c.green(line)), '');
  } else if (d.code === 'TXB000') {
    lines.push(`${c.cyan(c.bold('help:'))} fix the syntax error, stage the file and commit again`, '');
  }
  return lines.join('\n');
}

/** Carets under the function name (or the error position), keeping the line's tabs so they line up. */
function caretUnder(text: string, d: Diagnostic, paint: (s: string) => string): string {
  const before = [...text].slice(0, d.column - 1).map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
  const nameLength = d.function ? [...(d.function.split('.').at(-1) ?? '')].length : 1;
  return before + paint('^'.repeat(Math.max(1, nameLength)));
}

function renderSummary(report: CheckReport, options: TextOptions, c: Colors): string[] {
  const blocking = countBlocking(report);
  const warnings = report.diagnostics.length - blocking;
  if (blocking > 0 && options.scope === 'range') {
    const files = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
    return [
      `${c.red(c.bold('✖'))} txboundary: ${plural(blocking, 'problem')} in ${plural(files, 'file')} of this change${warnings > 0 ? ` and ${plural(warnings, 'warning')}` : ''}. Add the sections above in a new commit.`,
    ];
  }
  if (blocking > 0) {
    const files = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
    const warningNote = warnings > 0 ? ` and ${plural(warnings, 'warning')}` : '';
    return [
      `${c.red(c.bold('✖'))} txboundary: ${plural(blocking, 'problem')} in ${plural(files, 'file')} ${blocking === 1 ? 'blocks' : 'block'} this commit${warningNote}. Fix the docstrings above, stage them with git add, and commit again.`,
      c.dim('  To bypass once: git commit --no-verify (or HUSKY=0 git commit). CI will still catch it with txboundary check --base <branch>.'),
    ];
  }
  if (options.quiet) return [];
  const where = options.scope === 'range' ? 'changed Python file' : 'staged Python file';
  const checked = `${plural(report.functionsChecked, 'modified public function')} in ${plural(report.filesChecked, where)}`;
  if (warnings > 0) return [`${c.yellow('⚠')} txboundary: ${plural(warnings, 'warning')} (not blocking); ${checked} checked.`];
  if (report.filesChecked === 0) return [c.dim(`txboundary: no ${where}s to check.`)];
  return [`${c.green('✔')} txboundary: ${checked} checked, all documented.`];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
