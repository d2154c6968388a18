import { createColors } from 'picocolors';
import type { Diagnostic } from '../check/diagnostic.js';
import { renderText, type TextOptions } from '../report/text.js';
import type { CheckReport } from '../run.js';
import type { FixOutcome } from './apply.js';

type Colors = ReturnType<typeof createColors>;

export type FixTextOptions = Pick<TextOptions, 'color' | 'quiet' | 'displayPath'>;

/**
 * The text report of `check --fix`: the findings left to the user (as the check prints them), a line per fix saying
 * what became of it, then what to do next:
 *
 *     fixed services/orders.py: added the Transaction boundary section to cancel_order (Pattern B)
 *     skipped services/orders.py: refund: its docstring is not a single string literal …; paste the section shown above by hand
 *     txboundary --fix: wrote 1 section into the working tree, not the index. Review it with git diff, stage it with git add -p, then commit again.
 */
export function renderFixText(report: CheckReport, outcomes: readonly FixOutcome[], options: FixTextOptions): string {
  const c = createColors(options.color);
  const shown = options.displayPath ?? ((file: string) => file);
  const done = new Set(outcomes.filter((outcome) => outcome.status !== 'skipped').map((outcome) => outcome.diagnostic));
  const remaining = { ...report, diagnostics: report.diagnostics.filter((d) => !done.has(d)) };
  const checked = renderText(remaining, { color: options.color, quiet: options.quiet || outcomes.length > 0, scope: 'staged', displayPath: shown });
  if (outcomes.length === 0) return checked;
  const section = report.forFix?.section ?? '';
  const lines = outcomes.map((outcome) => describeOutcome(outcome, section, c, shown));
  return `${checked}${[...lines, nextStep(outcomes, c)].map((line) => `${line}\n`).join('')}`;
}

function describeOutcome(outcome: FixOutcome, section: string, c: Colors, shown: (file: string) => string): string {
  const d = outcome.diagnostic;
  const file = shown(d.file);
  const name = d.function ?? '?';
  switch (outcome.status) {
    case 'fixed':
      return `${c.green('fixed')} ${c.bold(file)}: ${whatWasDone(d, outcome.addedDocstring, section)} (Pattern ${d.pattern})`;
    case 'present':
      return `${c.cyan('unstaged')} ${c.bold(file)}: ${name} already has the ${section} section in the working tree; stage it`;
    case 'skipped':
      return `${c.yellow('skipped')} ${c.bold(file)}: ${name}: ${outcome.reason}; paste the section shown above by hand`;
  }
}

function whatWasDone(d: Diagnostic, addedDocstring: boolean, section: string): string {
  const name = d.function ?? '?';
  if (d.code === 'TXB003') return `filled in the empty ${section} section of ${name}`;
  if (addedDocstring) return `added a docstring with the ${section} section to ${name}`;
  if (d.code === 'TXB002') return `added the ${section} section back to ${name}`;
  return `added the ${section} section to ${name}`;
}

function nextStep(outcomes: readonly FixOutcome[], c: Colors): string {
  const fixed = outcomes.filter((outcome) => outcome.status === 'fixed').length;
  const present = outcomes.filter((outcome) => outcome.status === 'present').length;
  const lead = c.bold('txboundary --fix:');
  if (fixed > 0) {
    const it = fixed === 1 ? 'it' : 'them';
    return `${lead} wrote ${fixed === 1 ? '1 section' : `${fixed} sections`} into the working tree, not the index. Review ${it} with git diff, stage ${it} with git add -p, then commit again.`;
  }
  if (present > 0) return `${lead} nothing new to write; the working tree has the sections, the index not yet. Stage them with git add -p, then commit again.`;
  return `${lead} nothing written; paste the sections shown above by hand, stage them with git add -p, then commit again.`;
}
