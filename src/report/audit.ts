import { createColors } from 'picocolors';
import { plural } from './wording.js';
import type { CheckReport, FileSummary } from '../run.js';

export interface CoverageRow {
  file: string;
  publicFunctions: number;
  documented: number;
  /** Percentage with one decimal; 100 for a file with no public function. */
  percent: number;
}

export interface Coverage {
  files: CoverageRow[];
  total: Omit<CoverageRow, 'file'> & { files: number };
}

/** Section coverage per file and in total, for `check --all`. */
export function computeCoverage(files: readonly FileSummary[]): Coverage {
  const rows = files.map((f) => ({ file: f.file, publicFunctions: f.functionsChecked, documented: f.documented, percent: percent(f.documented, f.functionsChecked) }));
  const publicFunctions = rows.reduce((sum, row) => sum + row.publicFunctions, 0);
  const documented = rows.reduce((sum, row) => sum + row.documented, 0);
  return { files: rows, total: { files: rows.length, publicFunctions, documented, percent: percent(documented, publicFunctions) } };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 1000) / 10;
}

/**
 * The audit in text: one line per undocumented function (no code frames: a legacy codebase can have thousands),
 * then the coverage table.
 *
 *     file                          public  documented  coverage
 *     services/orders.py                 4           3     75.0%
 *     total (2 files)                    9           7     77.7%
 */
export function renderAuditText(report: CheckReport, coverage: Coverage, options: { color: boolean; failUnder: number | null; verbose: boolean; displayPath?: (file: string) => string }): string {
  const c = createColors(options.color);
  const shown = options.displayPath ?? ((file: string) => file);
  const findings = report.diagnostics.map((d) => `${shown(d.file)}:${d.line}:${d.column} ${(d.severity === 'error' ? c.red : c.yellow)(d.code)} ${d.message}`);
  const failures = report.errors.map((e) => `${shown(e.file)}: ${c.yellow('not checked')}: ${e.reason}`);
  const width = Math.max(4, 'total (000 files)'.length, ...coverage.files.map((row) => shown(row.file).length));
  const line = (label: string, row: Omit<CoverageRow, 'file'>) =>
    `${label.padEnd(width)}  ${String(row.publicFunctions).padStart(6)}  ${String(row.documented).padStart(10)}  ${`${row.percent.toFixed(1)}%`.padStart(8)}`;
  const table = [
    c.bold(`${'file'.padEnd(width)}  ${'public'.padStart(6)}  ${'documented'.padStart(10)}  ${'coverage'.padStart(8)}`),
    ...coverage.files.map((row) => line(shown(row.file), row)),
    c.bold(line(`total (${plural(coverage.total.files, 'file')})`, coverage.total)),
  ];
  const verdict =
    options.failUnder === null
      ? []
      : coverage.total.percent < options.failUnder
        ? [`${c.red('✖')} coverage ${coverage.total.percent.toFixed(1)}% is under --fail-under ${options.failUnder}%`]
        : [`${c.green('✔')} coverage ${coverage.total.percent.toFixed(1)}% meets --fail-under ${options.failUnder}%`];
  return [...findings, ...failures, ...(findings.length + failures.length > 0 ? [''] : []), ...table, ...verdict, ...agreementLines(report, options.verbose, shown)].map((l) => `${l}\n`).join('');
}

/**
 * How often the suggestion names the pattern the authors documented, over the sections whose wording names one;
 * with `verbose`, each disagreement with the evidence that decided.
 *
 *     agreement: the suggestion matches 98.5% of 134 documented patterns (A 100, B 3, C 31)
 */
function agreementLines(report: CheckReport, verbose: boolean, shown: (file: string) => string): string[] {
  const named = report.functions.filter((fn) => fn.documentedPattern !== null);
  if (named.length === 0) return [];
  const agreed = named.filter((fn) => fn.suggestedPattern === fn.documentedPattern).length;
  const byPattern = (['A', 'B', 'C'] as const).map((p) => `${p} ${named.filter((fn) => fn.documentedPattern === p).length}`).join(', ');
  const lines = [`agreement: the suggestion matches ${percent(agreed, named.length).toFixed(1)}% of ${named.length} documented patterns (${byPattern})`];
  if (!verbose) return agreed < named.length ? [...lines, '  (--verbose lists where they differ)'] : lines;
  for (const fn of named) {
    if (fn.suggestedPattern === fn.documentedPattern) continue;
    lines.push(`  ${shown(fn.file)}:${fn.line} ${fn.function}: documented ${fn.documentedPattern}, suggested ${fn.suggestedPattern}: ${fn.evidence[0] ?? ''}`);
  }
  return lines;
}
