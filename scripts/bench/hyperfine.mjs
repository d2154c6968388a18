// Optional cross-check of our medians with hyperfine, when it is installed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasHyperfine() {
  return spawnSync('hyperfine', ['--version']).status === 0;
}

/**
 * hyperfine's median (ms) for each command, run without a shell (`-N`) in
 * the command's directory. Arguments must not contain spaces: `-N` splits
 * on whitespace.
 */
export function hyperfineMedians(commands, { runs, warmups }, env) {
  const scratch = mkdtempSync(join(tmpdir(), 'txb-bench-hyperfine-'));
  try {
    return commands.map((command) => {
      const words = [command.file, ...command.args];
      if (words.some((word) => /\s/.test(word))) return null;
      const exported = join(scratch, `${command.name}.json`);
      const result = spawnSync('hyperfine', ['-N', '--style', 'none', '-i', '--warmup', String(warmups), '--runs', String(runs), '--export-json', exported, words.join(' ')], {
        cwd: command.cwd,
        env,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`hyperfine failed for ${words.join(' ')}\n${result.stderr}`);
      return JSON.parse(readFileSync(exported, 'utf8')).results[0].median * 1000;
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
