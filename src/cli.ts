#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { CHECK_USAGE, checkCommand } from './commands/check.js';
import { didYouMean } from './config/did-you-mean.js';
import { GitError, UserError } from './errors.js';
import { hookRunnerOf } from './report/hook-runner.js';

declare const TXBOUNDARY_VERSION: string;

const USAGE = `txboundary ${TXBOUNDARY_VERSION}: keeps "Transaction boundary:" docstring sections alive in Python service layers.

Usage:
  txboundary check [options] [PATH...]   check the staged hunks (what the pre-commit hook runs)
  txboundary init [--dry-run]            set up husky, the hook and a starter config in this repository
  txboundary <command> --help            options of a command
  txboundary --version

${CHECK_USAGE.slice(CHECK_USAGE.indexOf('Exit status'))}`;

/** The only place that touches the process: argv in, exit status out. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const context = {
    argv: rest,
    cwd: process.cwd(),
    env: process.env,
    out: (text: string) => process.stdout.write(text),
    color: wantsColor(),
    hook: () => hookRunnerOf({ env: process.env, parentCommand: parentCommand() }),
    // A hook's check lives a few hundred ms: V8's optimising tier would recompile the parser's WebAssembly in the background
    // and finish after the work is done, so the baseline compiler alone is faster end to end (bench S1: 305 ms → 248 ms).
    // Over hundreds of files the optimised code pays for itself (bench S6: 3.28 s → 2.91 s). Loaded only then: a commit
    // without Python never pays for node:v8 (S5: 4 ms of CPU).
    tuneForShortRun: async () => (await import('node:v8')).setFlagsFromString('--liftoff-only'),
  };
  switch (command) {
    case 'check':
      return checkCommand(context);
    case 'init':
      return (await import('./commands/init.js')).initCommand(context);
    case '-v':
    case '--version':
      context.out(`${TXBOUNDARY_VERSION}\n`);
      return 0;
    case '-h':
    case '--help':
    case 'help':
      context.out(`${USAGE}\n`);
      return 0;
    default: {
      if (command === undefined) throw new UserError('no command given', 'run `txboundary check`, or `txboundary --help`');
      const guess = didYouMean(command, command.startsWith('-') ? ['--version', '--help'] : ['check', 'init', 'help']);
      throw new UserError(`unknown command "${command}"${guess ? ` (did you mean ${guess}?)` : ''}`, 'run `txboundary check`, or `txboundary --help`');
    }
  }
}

/**
 * The command line of the parent process (lint-staged runs its tasks itself), read from /proc;
 * '' where there is none (macOS, Windows), which only makes the bypass hint less specific.
 */
function parentCommand(): string {
  try {
    return readFileSync(`/proc/${process.ppid}/cmdline`, 'latin1').split('\0').join(' ');
  } catch {
    return '';
  }
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
  if (error instanceof UserError || error instanceof GitError) {
    const stack = debug && error.stack ? `\n${error.stack}` : '';
    return `txboundary: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}${stack}`;
  }
  const code = (error as { code?: string } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return `txboundary: ${(error as Error).message}\n  hint: run \`txboundary --help\` for the options`;
  }
  const detail = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  const next = debug ? '' : ' with the output of --debug';
  return `txboundary: internal error: ${detail}\n  hint: this is a bug in txboundary; please report it${next}. Bypass once with git commit --no-verify.`;
}

// A report that cannot be written (a full disk) is a failure to say so; a reader that stopped early (`| head`) is not.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`txboundary: cannot write the report to standard output: ${error.message}\n`);
  process.exitCode = 2;
});

const argv = process.argv.slice(2);
main(argv).then(
  (status) => {
    process.exitCode ??= status;
  },
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error, argv.includes('--debug'))}\n`);
    process.exitCode = 2;
  },
);
