import { type Diagnostic, type FileError, markedWidth } from '../check/diagnostic.js';
import { RULES } from '../rules.js';
import type { CheckReport } from '../run.js';
import { blockingPhrase, plural, tally } from './wording.js';
import { plainMessage } from './sarif.js';

/**
 * The report as GitHub Actions workflow commands, which the runner turns into annotations on the pull request's diff:
 *
 *     ::error file=services/orders.py,line=12,col=5,endColumn=17,title=TXB001 modified public function has no Transaction boundary section::public function `create_order` has no …%0Aevidence: …%0Ahelp: add the section below to the docstring (Pattern C):%0ATransaction boundary: ALL operations in single session (atomic).%0A…
 *     ::warning file=legacy.py::not checked: the file is not valid UTF-8
 *     ✖ txboundary: 1 problem in 1 file blocks this change; 3 public functions in 2 Python files checked. …
 *
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 */
export function renderGithub(report: CheckReport): string {
  const lines = [...report.diagnostics.map(annotate), ...report.errors.map(notChecked), summary(report)];
  return lines.map((line) => `${line}\n`).join('');
}

function annotate(d: Diagnostic): string {
  const position = {
    file: d.file,
    line: d.line,
    col: d.column,
    ...(d.function ? { endColumn: d.column + markedWidth(d) } : {}),
    title: `${d.code} ${RULES[d.code].title}`,
  };
  return command(d.severity, position, plainMessage(d));
}

function notChecked(error: FileError): string {
  return command('warning', { file: error.file }, `not checked: ${error.reason}`);
}

/**
 * `::name key=value,…::message`, escaped as the runner unescapes it (as `@actions/core` does): the message keeps a command
 * on one line; property values also must not end a value (`,`) or the property list (`:`).
 */
function command(name: string, properties: Record<string, string | number>, message: string): string {
  const list = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** A plain line for the job log, worded like the text reporter's summary. */
function summary(report: CheckReport): string {
  const counts = tally(report);
  const { blocking, warnings } = counts;
  const checked = `${plural(report.functionsChecked, 'public function')} in ${plural(report.filesChecked, 'Python file')} checked`;
  const unchecked = new Set(report.errors.map((e) => e.file)).size;
  const uncheckedNote = unchecked > 0 ? ` ${plural(unchecked, 'file')} could not be fully checked (see the warnings above).` : '';
  if (blocking > 0) {
    return `✖ txboundary: ${blockingPhrase(counts, 'change')}; ${checked}. Add the suggested sections to the docstrings and commit again.${uncheckedNote}`;
  }
  if (warnings > 0) return `⚠ txboundary: ${plural(warnings, 'warning')} (not blocking); ${checked}.${uncheckedNote}`;
  if (report.filesChecked === 0) return 'txboundary: no Python files to check.';
  return `✔ txboundary: ${checked}, all documented.${uncheckedNote}`;
}
