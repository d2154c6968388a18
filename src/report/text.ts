import { createColors } from 'picocolors';
import { type Diagnostic, markedWidth } from '../check/diagnostic.js';
import type { CheckReport } from '../run.js';
import { bypassHint, CI_HINT, type HookRunner } from './hook-runner.js';
import { blockingPhrase, plural, tally } from './wording.js';

type Colors = ReturnType<typeof createColors>;

export interface TextOptions {
  color: boolean;
  /** Print findings and failures only: no line when all is well. */
  quiet: boolean;
  /** What was checked: decides whether the summary speaks of a commit or of a range of commits. */
  scope: 'staged' | 'range';
  /** Say why, when nothing was checked; otherwise that case prints nothing. */
  verbose?: boolean;
  /** How a repository-relative path is shown (default: as it is); see `displayPathFrom`. */
  displayPath?: (file: string) => string;
  /** What runs the hook, for a bypass hint that works there (default: a plain git hook). */
  hook?: { runner: HookRunner; husky: boolean };
}

/**
 * Findings rendered like a compiler diagnostic (README, "What it says"):
 *
 *     services/orders.py:12:5 TXB002 `create_order` lost its "Transaction boundary:" section (HEAD has one)
 *        |
 *     12 | def create_order(customer, items, session=None):
 *        |     ^^^^^^^^^^^^
 *     13 |     """Create an order for a customer.
 *        |
 *        = evidence: session.add (line 20), 2 calls passing the session → Pattern C
 *     help: paste this into the docstring (Pattern C, multi-step atomic):
 *
 *         Transaction boundary: ALL operations in single session (atomic).
 *         …
 */
export function renderText(report: CheckReport, options: TextOptions): string {
  const c = createColors(options.color);
  const shown = options.displayPath ?? ((file: string) => file);
  const blocks = report.diagnostics.map((d) => renderDiagnostic(d, shown(d.file), c));
  const failures = report.errors.map((e) => `${c.bold(shown(e.file))}: ${c.yellow('not checked')}: ${e.reason}`);
  const summary = renderSummary(report, options, c);
  return [...blocks, ...failures, ...summary].map((block) => `${block}\n`).join('');
}

function renderDiagnostic(d: Diagnostic, file: string, c: Colors): string {
  const codeColor = d.severity === 'error' ? c.red : c.yellow;
  const lines = [`${c.bold(`${file}:${d.line}:${d.column}`)} ${codeColor(c.bold(d.code))} ${d.message}`];
  const width = String(Math.max(...d.frame.map((f) => f.line), d.line)).length;
  const gutter = (label = '') => c.blue(`${label.padStart(width)} |`);
  lines.push(gutter());
  for (const { line, text } of d.frame) {
    lines.push(`${gutter(String(line))} ${text}`);
    if (line === d.line) lines.push(`${gutter()} ${caretUnder(text, d, codeColor)}`);
  }
  lines.push(gutter());
  if (d.reason) lines.push(`${c.blue(`${' '.repeat(width)} =`)} ${c.bold('evidence:')} ${d.reason}`);
  lines.push(`${c.cyan(c.bold('help:'))} ${d.help.text}`, '');
  if (d.help.code.length > 0) lines.push(...d.help.code.map((line) => c.green(line)), '');
  return lines.join('\n');
}

/** Carets under the marked span, keeping the line's tabs so they line up. */
function caretUnder(text: string, d: Diagnostic, paint: (s: string) => string): string {
  const before = [...text]
    .slice(0, d.column - 1)
    .map((ch) => (ch === '\t' ? '\t' : ' '))
    .join('');
  return before + paint('^'.repeat(markedWidth(d)));
}

function renderSummary(report: CheckReport, options: TextOptions, c: Colors): string[] {
  const counts = tally(report);
  const { blocking, warnings } = counts;
  if (blocking > 0 && options.scope === 'range') {
    return [
      `${c.red(c.bold('✖'))} txboundary: ${plural(blocking, 'problem')} in ${plural(counts.blockingFiles, 'file')} of this change${warnings > 0 ? ` and ${plural(warnings, 'warning')}` : ''}. Add the sections above in a new commit.`,
    ];
  }
  if (blocking > 0) {
    const hook = options.hook ?? { runner: 'git', husky: false };
    return [
      `${c.red(c.bold('✖'))} txboundary: ${blockingPhrase(counts, 'commit')}. Fix the docstrings above, stage them with git add, and commit again.`,
      c.dim(`  ${bypassHint(hook.runner, hook.husky)} ${CI_HINT}`),
    ];
  }
  if (options.quiet) return [];
  const where = options.scope === 'range' ? 'changed Python file' : 'staged Python file';
  const checked = `${plural(report.functionsChecked, 'modified public function')} in ${plural(report.filesChecked, where)}`;
  if (warnings > 0) return [`${c.yellow('⚠')} txboundary: ${plural(warnings, 'warning')} (not blocking); ${checked} checked.`];
  // Like ruff, a commit without anything to check passes in silence.
  if (report.filesChecked === 0) return options.verbose ? [c.dim(`txboundary: nothing to check: ${whyNothing(report, options.scope)}.`)] : [];
  return [`${c.green('✔')} txboundary: ${checked} checked, all documented.`];
}

function whyNothing(report: CheckReport, scope: TextOptions['scope']): string {
  const { changedFiles, pythonFiles } = report.nothingChecked ?? { changedFiles: 0, pythonFiles: 0 };
  const changed = scope === 'range' ? 'changed' : 'staged';
  if (changedFiles === 0) return scope === 'range' ? 'no file changed in this range' : 'nothing is staged';
  if (pythonFiles === 0) {
    return changedFiles === 1 ? `the ${changed} file is not a *.py file` : `none of the ${changedFiles} ${changed} files is a *.py file`;
  }
  const files = pythonFiles === 1 ? `the ${changed} Python file` : `all ${pythonFiles} ${changed} Python files`;
  return `the include and exclude settings, or the paths given, leave out ${files}`;
}
