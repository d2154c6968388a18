import type { CheckReport } from '../run.js';
import { countBlocking } from './json.js';

/** `1 problem`, `2 problems`: every count in txboundary's messages is worded here. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What blocks, and where: the counts every reporter's summary line is made of. */
export function tally(report: CheckReport) {
  const blocking = countBlocking(report);
  return {
    blocking,
    warnings: report.diagnostics.length - blocking,
    blockingFiles: new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size,
  };
}

/** `2 problems in 1 file block this commit and 1 warning`, the head of every blocking summary. */
export function blockingPhrase({ blocking, warnings, blockingFiles }: ReturnType<typeof tally>, what: 'commit' | 'change'): string {
  const warningNote = warnings > 0 ? ` and ${plural(warnings, 'warning')}` : '';
  return `${plural(blocking, 'problem')} in ${plural(blockingFiles, 'file')} ${blocking === 1 ? 'blocks' : 'block'} this ${what}${warningNote}`;
}
