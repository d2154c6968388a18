import { type ParseArgsConfig, parseArgs } from 'node:util';
import { didYouMean } from '../config/did-you-mean.js';
import { UserError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` for a subcommand, an unknown option a UserError that guesses: `--fromat` → "did you mean --format?". */
export function parseOptions<T extends Options>(command: string, argv: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Node's text: "Unknown option '--fromat'. To specify a positional argument starting with a '-', ..."
    const given = /^Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || given === undefined) throw error;
    const known = Object.keys(options).map((name) => `--${name}`);
    const guess = didYouMean(given.split('=')[0] ?? given, known);
    throw new UserError(`unknown option ${given} for txboundary ${command}${guess ? ` (did you mean ${guess}?)` : ''}`, `run txboundary ${command} --help for its options`);
  }
}
