import { runInit } from '../init/index.js';
import type { CommandContext } from './check.js';
import { parseOptions } from './parse-options.js';

declare const TXBOUNDARY_VERSION: string;

const INIT_USAGE = `Usage: txboundary init [--dry-run]

Sets txboundary up in this repository (a Python project may have no
package.json yet): adds txboundary and husky to package.json with a
"prepare" script, writes .husky/pre-commit (or appends one line to an
existing hook), and writes a starter .txboundaryrc.json when no
configuration exists. Never overwrites: what it cannot add safely, it
tells you to add by hand. Running it twice changes nothing.

Options:
  --dry-run    print what would be done, write nothing
  -h, --help   show this help

Exit status: 0 done, nothing to do, or a step printed to do by hand;
2 it could not go on (nothing was written).`;

/** `txboundary init`: options in, the plan applied (or printed), exit status out. */
export async function initCommand({ argv, cwd, out, color }: CommandContext): Promise<number> {
  const { values } = parseOptions('init', argv, {
    'dry-run': { type: 'boolean', default: false },
    debug: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    out(`${INIT_USAGE}\n`);
    return 0;
  }
  return runInit({ cwd, dryRun: values['dry-run'], out, version: TXBOUNDARY_VERSION, color });
}
