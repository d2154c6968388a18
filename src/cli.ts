#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { GitError, UserError } from './errors.js';
import { createGit } from './git/exec.js';
import { renderJson, countBlocking } from './report/json.js';
import { renderText } from './report/text.js';
import { runCheck } from './run.js';

declare const TXBOUNDARY_VERSION: string;

const USAGE = `Usage: txboundary check [options] [PATH...]

Checks the staged hunks of Python files: every modified public function
must document its transaction boundary in a "Transaction boundary:" docstring
section. PATHs (files or directories) restrict which staged files are checked.

Options:
  --format text|json   output format (default: text)
  --config FILE        settings file (default: .txboundaryrc.json, package.json
                       "txboundary", or pyproject.toml [tool.txboundary])
  --quiet              print nothing when nothing blocks
  --debug              show the stack trace of an internal error
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 nothing blocks, 1 something blocks, 2 usage or internal error.`;

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${TXBOUNDARY_VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'check') {
    throw new UserError(command ? `unknown command "${command}"` : 'no command given', 'run `txboundary check`, or `txboundary --help`');
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new UserError(`unknown format "${values.format}"`, `use one of: ${FORMATS.join(', ')}`);
  }
  const report = await runCheck(
    { paths, cwd: process.cwd(), configPath: values.config },
    { git: createGit(process.cwd()), loadAnalyzer: async () => (await import('./python/analyze.js')).loadAnalyzer() },
  );
  const output = format === 'json' ? renderJson(report) : renderText(report, { color: wantsColor(), quiet: values.quiet });
  process.stdout.write(output);
  return countBlocking(report) > 0 ? 1 : 0;
}

/** Colour when writing to a terminal; NO_COLOR turns it off and FORCE_COLOR on (https://no-color.org). */
function wantsColor(): boolean {
  if (process.env.NO_COLOR) return false;
  const forced = process.env.FORCE_COLOR;
  if (forced !== undefined && forced !== '') return forced !== '0' && forced !== 'false';
  return process.stdout.isTTY === true && process.env.TERM !== 'dumb';
}

/** One readable line on stderr for any failure; the stack only on request or for bugs. */
function describeFailure(error: unknown, debug: boolean): string {
  if (error instanceof UserError) return `txboundary: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`;
  if (error instanceof GitError) return `txboundary: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`;
  const code = (error as { code?: string } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return `txboundary: ${(error as Error).message}\n  hint: run \`txboundary --help\` for the options`;
  }
  const detail = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  return `txboundary: internal error: ${detail}\n  This is a bug in txboundary; please report it${debug ? '' : ' with the output of --debug'}. Bypass once with git commit --no-verify.`;
}

const argv = process.argv.slice(2);
main(argv).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error, argv.includes('--debug'))}\n`);
    process.exitCode = 2;
  },
);
