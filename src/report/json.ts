import type { CheckReport } from '../run.js';
import type { Coverage } from './audit.js';

/**
 * SPEC §5: one JSON object on stdout, with exactly the documented fields;
 * an audit (`--all`) adds its `coverage` table.
 */
export function renderJson(report: CheckReport, coverage?: Coverage): string {
  const violations = report.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    function: d.function,
    message: d.message,
    pattern: d.pattern,
    evidence: d.evidence,
    suggestion: d.suggestion,
  }));
  const summary = {
    filesChecked: report.filesChecked,
    functionsChecked: report.functionsChecked,
    blocking: countBlocking(report),
  };
  return `${JSON.stringify({ violations, summary, errors: report.errors, ...(coverage ? { coverage } : {}) })}\n`;
}

export function countBlocking(report: CheckReport): number {
  return report.diagnostics.filter((d) => d.severity === 'error').length;
}
