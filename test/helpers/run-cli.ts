/**
 * Runs the built CLI (`dist/cli.js`) the way git's hook or a user would: a
 * separate Node process, `NO_COLOR=1`, and the hermetic environment of
 * `git-repo.ts` so the developer's git configuration never leaks in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sharedHermeticEnv, type RunResult } from './git-repo.js';

export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface RunCliOptions {
  /**
   * Merged over the hermetic environment and `NO_COLOR=1` (e.g. `repo.env`,
   * `GIT_INDEX_FILE`); a key set to `undefined` is removed.
   */
  env?: NodeJS.ProcessEnv;
  input?: string;
}

export function runCli(cwd: string, args: string[], options: RunCliOptions = {}): RunResult {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} does not exist: run \`npm run build\` before the integration tests.`);
  }
  const env: NodeJS.ProcessEnv = { ...sharedHermeticEnv(), NO_COLOR: '1', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export type Severity = 'error' | 'warning';

export interface JsonViolation {
  code: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  function: string | null;
  message: string;
  pattern: 'A' | 'B' | 'C' | null;
  evidence: string[];
  suggestion: string | null;
  /** TXB001–TXB003: the edit in staged line numbers, or why it is left to the user. */
  fix: { applicability: 'safe'; edits: { start: number; deleteCount: number; lines: string[]; guard: { start: number; end: number } }[] } | { applicability: 'manual'; reason: string } | null;
}

/** A checked function in an audit (`--all`): its documented and suggested pattern. */
export interface JsonFunction {
  file: string;
  line: number;
  function: string;
  documented: boolean;
  documentedPattern: 'A' | 'B' | 'C' | null;
  suggestedPattern: 'A' | 'B' | 'C';
  evidence: string[];
}

export interface JsonReport {
  violations: JsonViolation[];
  /** Audits only. */
  functions?: JsonFunction[];
  summary: { filesChecked: number; functionsChecked: number; blocking: number };
  errors: { file: string; reason: string }[];
}

export interface JsonRun extends RunResult {
  json: JsonReport;
}

/** `txboundary check --format json ...args`, with stdout parsed (and a useful error when it is not JSON). */
export function runCheckJson(cwd: string, args: string[] = [], options: RunCliOptions = {}): JsonRun {
  const result = runCli(cwd, ['check', '--format', 'json', ...args], options);
  let json: JsonReport;
  try {
    json = JSON.parse(result.stdout) as JsonReport;
  } catch (error) {
    throw new Error(
      `stdout of \`txboundary check --format json ${args.join(' ')}\` is not one JSON object ` +
        `(exit ${result.code}): ${(error as Error).message}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`,
    );
  }
  return { ...result, json };
}

/** Compact `CODE function@line` strings, handy for `toEqual` on a whole run. */
export function brief(report: JsonReport): string[] {
  return report.violations.map((v) => `${v.code} ${v.function ?? '-'}@${v.file}:${v.line}`);
}
