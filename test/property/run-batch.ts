/**
 * Runs many differential cases in one hermetic repository: every case is its
 * own file, all HEAD versions go into one commit, all edits into one staged
 * change, then the TypeScript CLI and the Python reference each run once and
 * their verdicts are split back per file. This is what makes thousands of
 * cases affordable (two checker processes per batch instead of per case).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRepo } from '../helpers/git-repo.js';
import { CLI_PATH } from '../helpers/run-cli.js';
import type { BuiltCase } from './case.js';

export const REFERENCE_PATH = fileURLToPath(new URL('../reference/txboundary_ref.py', import.meta.url));

/** The rules of docs/rules.md that both implementations have (the reference has no TXB004+ warnings). */
export const COMPARED_CODES: ReadonlySet<string> = new Set(['TXB000', 'TXB001', 'TXB002', 'TXB003']);

/** One verdict as both implementations print it. `code` is `error` for an entry of `errors`. */
export interface Verdict {
  code: string;
  file: string;
  line: number;
  column: number;
  function: string | null;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns without blocking the event loop, so batches overlap on several cores. */
export function spawnAsync(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(options.input ?? '');
  });
}

interface Report {
  violations: (Verdict & { severity?: string })[];
  summary: { filesChecked: number; functionsChecked: number; blocking: number };
  errors: { file: string | null; reason: string }[];
}

/** What each implementation said about one case. */
export interface CaseVerdicts {
  ts: Verdict[];
  ref: Verdict[];
  /** The `errors` reasons for this file, for the failure message. */
  tsErrors: string[];
  refErrors: string[];
}

export interface BatchResult {
  perCase: CaseVerdicts[];
  /** Both summaries, when both printed JSON. */
  summaries: { ts: Report['summary']; ref: Report['summary'] } | null;
  /** Problems that are not about one case: crashes, exit status, unparseable output, summary mismatch. */
  problems: string[];
  ts: ProcessResult;
  ref: ProcessResult;
}

function parseReport(name: string, result: ProcessResult, problems: string[]): Report | null {
  try {
    return JSON.parse(result.stdout) as Report;
  } catch (error) {
    problems.push(
      `${name} printed no JSON (exit ${result.code}, signal ${result.signal}): ${(error as Error).message}\n` +
        `--- stdout ---\n${result.stdout.slice(0, 4000)}\n--- stderr ---\n${result.stderr.slice(0, 4000)}`,
    );
    return null;
  }
}

function pick(v: Verdict): Verdict {
  return { code: v.code, file: v.file, line: v.line, column: v.column, function: v.function };
}

/**
 * Commits every case's HEAD version, stages every edit (renames as delete +
 * add, which is all `git mv` does to the index), leaves the unstaged working
 * tree versions in place, then runs both checkers on the staged change.
 */
export interface BatchOptions {
  /** Extra arguments for the reference (`--unverifiable-blocks`). */
  referenceArgs?: readonly string[];
  /** Compare the two summaries (off where the two are not meant to count alike). */
  compareSummaries?: boolean;
}

export async function runBatch(cases: BuiltCase[], referencePath = REFERENCE_PATH, options: BatchOptions = {}): Promise<BatchResult> {
  const repo = createRepo();
  try {
    for (const c of cases) {
      if (c.headPath === null) continue;
      if (c.headBytes !== null) repo.write(c.headPath, c.headBytes);
      else if (c.headSymlink !== null) {
        mkdirSync(dirname(repo.path(c.headPath)), { recursive: true });
        symlinkSync(c.headSymlink, repo.path(c.headPath));
      }
    }
    repo.commitAll('version 1');
    for (const c of cases) {
      if (c.headSymlink !== null && c.headPath !== null) repo.remove(c.headPath);
      if (c.headPath !== null && c.headPath !== c.stagedPath) {
        if (c.keptBytes !== null) repo.write(c.headPath, c.keptBytes);
        else repo.remove(c.headPath);
      }
      repo.write(c.stagedPath, c.stagedBytes);
      if (c.executable) chmodSync(repo.path(c.stagedPath), 0o755);
    }
    repo.git('add', '-A');
    for (const c of cases) if (c.workBytes !== null) repo.write(c.stagedPath, c.workBytes);

    const env = { ...repo.env, NO_COLOR: '1' };
    const check = () => spawnAsync(process.execPath, [CLI_PATH, 'check', '--format', 'json'], { cwd: repo.dir, env });
    const [ts, ref] = await Promise.all([check(), spawnAsync('python3', [referencePath, '--find-copies', ...(options.referenceArgs ?? [])], { cwd: repo.dir, env })]);

    const problems: string[] = [];
    if (ts.code !== 0 && ts.code !== 1) {
      problems.push(`txboundary exited with ${ts.code} (signal ${ts.signal}); it must never fail on valid input.\n--- stderr ---\n${ts.stderr.slice(0, 4000)}`);
    }
    if (ref.code !== 0 && ref.code !== 1) problems.push(`reference exited with ${ref.code}\n--- stderr ---\n${ref.stderr.slice(0, 4000)}`);
    const tsReport = parseReport('txboundary', ts, problems);
    const refReport = parseReport('reference', ref, problems);
    const blocking = tsReport?.violations.filter((v) => v.severity === 'error').length ?? 0;
    if (tsReport && (ts.code === 1) !== blocking > 0) {
      problems.push(`txboundary exited with ${ts.code} but reported ${blocking} blocking violations`);
    }

    const index = new Map(cases.map((c, i) => [c.stagedPath, i]));
    cases.forEach((c, i) => {
      if (c.headPath !== null && c.keptBytes !== null) index.set(c.headPath, i);
    });
    const perCase: CaseVerdicts[] = cases.map(() => ({ ts: [], ref: [], tsErrors: [], refErrors: [] }));
    const distribute = (report: Report | null, side: 'ts' | 'ref'): void => {
      if (!report) return;
      for (const v of report.violations) {
        if (!COMPARED_CODES.has(v.code)) continue;
        const i = index.get(v.file);
        if (i === undefined) problems.push(`${side} reported a file that is no case: ${JSON.stringify(v)}`);
        else perCase[i]?.[side].push(pick(v));
      }
      for (const e of report.errors) {
        const i = e.file === null ? undefined : index.get(e.file);
        if (i === undefined) {
          problems.push(`${side} reported an error outside the cases: ${JSON.stringify(e)}`);
          continue;
        }
        const verdicts = perCase[i] as CaseVerdicts;
        verdicts[side].push({ code: 'error', file: e.file as string, line: 0, column: 0, function: null });
        verdicts[side === 'ts' ? 'tsErrors' : 'refErrors'].push(e.reason);
      }
    };
    distribute(tsReport, 'ts');
    distribute(refReport, 'ref');
    const summaries = tsReport && refReport ? { ts: tsReport.summary, ref: refReport.summary } : null;
    if (summaries && options.compareSummaries !== false && !summariesAgree(summaries)) {
      problems.push(`summary differs: txboundary ${JSON.stringify(summaries.ts)}, reference ${JSON.stringify(summaries.ref)}`);
    }
    return { perCase, summaries, problems, ts, ref };
  } finally {
    repo.cleanup();
  }
}

/** `CODE function @file:line:col`, sorted: the form verdicts are compared and printed in. */
export function verdictKeys(verdicts: Verdict[]): string[] {
  return verdicts.map((v) => `${v.code} ${v.function ?? '-'} @${v.file}:${v.line}:${v.column}`).sort();
}

function summariesAgree({ ts, ref }: NonNullable<BatchResult['summaries']>): boolean {
  return ts.filesChecked === ref.filesChecked && ts.functionsChecked === ref.functionsChecked && ts.blocking === ref.blocking;
}

/** The summaries differ (they are per run, so they cannot be split per file). */
export function summaryDiffers(result: BatchResult): boolean {
  return result.summaries !== null && !summariesAgree(result.summaries);
}

/** txboundary failed: exit status other than 0/1, or no JSON on stdout. */
export function crashed(result: BatchResult): boolean {
  return (result.ts.code !== 0 && result.ts.code !== 1) || result.problems.some((p) => p.startsWith('txboundary printed no JSON'));
}

/**
 * The single cases behind a batch-level failure (`isBad`): halves of the
 * batch are re-run until single cases remain, so a culprit costs about
 * 2·log2(batch size) runs. Cases that only fail together (cross-file rename
 * or copy pairing) are not found this way.
 */
export async function bisectBatch(cases: BuiltCase[], isBad: (result: BatchResult) => boolean, referencePath = REFERENCE_PATH): Promise<{ index: number; result: BatchResult }[]> {
  const found: { index: number; result: BatchResult }[] = [];
  const search = async (indices: number[]): Promise<void> => {
    const result = await runBatch(
      indices.map((i) => cases[i] as BuiltCase),
      referencePath,
    );
    if (!isBad(result)) return;
    if (indices.length === 1) {
      found.push({ index: indices[0] as number, result });
      return;
    }
    const half = Math.ceil(indices.length / 2);
    await search(indices.slice(0, half));
    await search(indices.slice(half));
  };
  await search(cases.map((_, i) => i));
  return found;
}
