import { didYouMean } from '../config/did-you-mean.js';
import { UserError } from '../errors.js';
import { createGit } from '../git/exec.js';
import { countBlocking, renderJson } from '../report/json.js';
import { displayPathFrom } from '../report/display-path.js';
import { renderText } from '../report/text.js';
import { parseOptions } from './parse-options.js';
import type { HookRunner } from '../report/hook-runner.js';
import { runCheck, type Scope } from '../run.js';

export const CHECK_USAGE = `Usage:
  txboundary check [options] [PATH...]             staged hunks (the pre-commit hook)
  txboundary check --base REF [--head REF] [PATH...]  commits since merge-base(REF, HEAD) (CI)
  txboundary check --all [--fail-under PCT] [PATH...] every public function (audit)

Every modified public Python function must document its transaction boundary
in a "Transaction boundary:" docstring section. PATHs (files or directories,
relative or absolute) restrict which files are checked; given files with
nothing staged are checked whole. Under the pre-commit framework,
PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF select the range mode.

Options:
  --format FORMAT      text (default), json, sarif (SARIF 2.1.0) or github
                       (GitHub Actions annotations)
  --config FILE        settings file (default: .txboundaryrc.json, package.json
                       "txboundary", or pyproject.toml [tool.txboundary])
  --base REF           CI range mode: check what HEAD (or --head) adds to REF
  --head REF           the end of the range (default: HEAD)
  --all                audit every public function of the matched files
  --fail-under PCT     with --all: exit 1 when coverage is under PCT percent
  --fix                write the suggested sections into the working-tree files
                       (never the index); exits 1 so you review and stage them
  --quiet              print nothing when nothing blocks
  --verbose            say why, when there is nothing to check (which
                       otherwise prints nothing); with --all, list where the
                       suggestion and the documented pattern differ
  --debug              show the stack trace of an internal error
  -h, --help           show this help

Exit status: 0 nothing blocks, 1 something blocks, 2 usage or internal error.`;

declare const TXBOUNDARY_VERSION: string;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

export interface CommandContext {
  argv: readonly string[];
  cwd: string;
  /** The pre-commit framework's range variables are read from it (see `scopeOf`). */
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  color: boolean;
  /** What runs the hook (husky, lint-staged, the pre-commit framework or git), asked only when a hint needs it. */
  hook: () => { runner: HookRunner; husky: boolean };
  tuneForShortRun: () => Promise<void>;
}

/** `txboundary check`: parses its options, runs the pipeline, renders, returns the exit status. */
export async function checkCommand({ argv, cwd, env, out, color, hook, tuneForShortRun }: CommandContext): Promise<number> {
  const { values, positionals: paths } = parseOptions(
    'check',
    argv,
    {
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      base: { type: 'string' },
      head: { type: 'string' },
      all: { type: 'boolean', default: false },
      'fail-under': { type: 'string' },
      fix: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  if (values.help) {
    out(`${CHECK_USAGE}\n`);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    const guess = didYouMean(String(values.format), FORMATS);
    throw new UserError(`unknown format "${values.format}"${guess ? ` (did you mean ${guess}?)` : ''}`, `use one of: ${FORMATS.join(', ')}`);
  }
  if (values.quiet && values.verbose) throw new UserError('--quiet and --verbose do not go together', 'keep one: --quiet prints only what blocks, --verbose also says why nothing was checked');
  const scope = scopeOf(values, env);
  const failUnder = parseFailUnder(values['fail-under'], scope);
  // `--fix` edits the working tree for the next commit: staged mode, text output.
  if (values.fix && scope.mode !== 'staged') {
    throw new UserError(`--fix goes with the staged check, not --${scope.mode === 'all' ? 'all' : 'base'}`, 'run txboundary check --fix to fix what is staged');
  }
  if (values.fix && format !== 'text') throw new UserError(`--fix prints a text report, not ${format}`, 'drop --format, or run --format without --fix');

  const effects = { git: createGit(cwd), loadAnalyzer: async () => (await import('../python/inventory/analyze.js')).loadAnalyzer(), tuneForShortRun };
  const report = await runCheck({ paths, cwd, configPath: values.config, scope }, effects);
  const displayPath = displayPathFrom(cwd, report.topLevel);
  if (values.fix) {
    const { runFix } = await import('../fix/run-fix.js');
    const fixed = await runFix(report, effects, { color, quiet: values.quiet, displayPath });
    out(fixed.text);
    return fixed.status;
  }

  // Reporters other than the hook's are loaded only when asked for.
  const audit = scope.mode === 'all' ? await import('../report/audit.js') : null;
  const coverage = audit ? audit.computeCoverage(report.files) : null;
  if (format === 'sarif') out((await import('../report/sarif.js')).renderSarif(report, { version: TXBOUNDARY_VERSION }));
  else if (format === 'github') out((await import('../report/github.js')).renderGithub(report));
  else if (format === 'json') out(renderJson(report, coverage ?? undefined));
  else if (audit && coverage) out(audit.renderAuditText(report, coverage, { color, failUnder, verbose: values.verbose, displayPath }));
  else {
    if (report.wholeFilesGiven && !values.quiet) out(WHOLE_FILES_NOTE);
    const range = scope.mode === 'range';
    out(renderText(report, { color, quiet: values.quiet, verbose: values.verbose, scope: range ? 'range' : 'staged', displayPath, hook: range || countBlocking(report) === 0 ? undefined : hook() }));
  }

  if (coverage && failUnder !== null) return coverage.total.percent < failUnder ? 1 : 0;
  return countBlocking(report) > 0 ? 1 : 0;
}

/** Said when named files with nothing staged were checked whole (see `CheckReport.wholeFilesGiven`). */
const WHOLE_FILES_NOTE =
  'txboundary: nothing is staged in the files given, so every public function in them was checked as the index has them (for CI, check a range: --base REF, or pre-commit run --from-ref REF --to-ref HEAD)\n';

/**
 * Staged mode, unless asked for a range or an audit. The pre-commit framework sets `PRE_COMMIT_FROM_REF`/`PRE_COMMIT_TO_REF`
 * for `pre-commit run --from-ref A --to-ref B` and in its pre-push hook: range mode (README, "With the pre-commit framework").
 */
function scopeOf(values: { base?: string; head?: string; all: boolean }, env: NodeJS.ProcessEnv): Scope {
  const from = env.PRE_COMMIT_FROM_REF;
  const to = env.PRE_COMMIT_TO_REF;
  if (from && to && values.base === undefined && values.head === undefined && !values.all) return { mode: 'range', base: from, head: to };
  if (values.all && values.base !== undefined) {
    throw new UserError('--all and --base do not go together', 'audit every file with --all, or check a range of commits with --base');
  }
  if (values.head !== undefined && values.base === undefined) {
    throw new UserError('--head needs --base', 'pass the branch the change starts from, e.g. --base origin/main');
  }
  if (values.all) return { mode: 'all' };
  if (values.base !== undefined) return { mode: 'range', base: values.base, head: values.head ?? 'HEAD' };
  return { mode: 'staged' };
}

function parseFailUnder(text: string | undefined, scope: Scope): number | null {
  if (text === undefined) return null;
  if (scope.mode !== 'all') throw new UserError('--fail-under goes with --all', 'run txboundary check --all --fail-under PCT');
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new UserError(`--fail-under ${text} is not a percentage`, 'pass a number from 0 to 100, e.g. --fail-under 80');
  }
  return value;
}
