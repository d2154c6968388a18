import type { CheckReport } from '../run.js';
import type { Coverage } from './audit.js';

/**
 * One JSON object on stdout, with exactly the documented fields (README, "JSON output"); an audit (`--all`) adds its
 * `coverage` table and every checked function with its documented and suggested pattern.
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
    fix: d.fix,
  }));
  const summary = {
    filesChecked: report.filesChecked,
    functionsChecked: report.functionsChecked,
    blocking: countBlocking(report),
  };
  const audit = coverage ? { coverage, functions: report.functions } : {};
  return `${JSON.stringify({ violations, summary, errors: report.errors, ...audit })}\n`;
}

export function countBlocking(report: CheckReport): number {
  return report.diagnostics.filter((d) => d.severity === 'error').length;
}
