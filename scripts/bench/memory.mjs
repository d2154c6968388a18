// Peak resident memory of one run of a command, by whatever this machine has.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// ru_maxrss of the waited-for child: kilobytes on Linux, bytes on macOS.
const PYTHON_PEAK = [
  'import resource, subprocess, sys',
  'status = subprocess.run(sys.argv[2:]).returncode',
  'open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))',
  'sys.exit(status)',
].join('\n');

/**
 * Picks a way to read a child's peak RSS: GNU time (Debian package `time`)
 * when /usr/bin/time understands `-f %M`; else a python3 wrapper around
 * getrusage(RUSAGE_CHILDREN); else none, and the table says "n/a".
 * Both write the figure to a file, so the command's own stdout and stderr
 * stay untouched.
 */
export function createMemoryMeter() {
  const scratch = mkdtempSync(join(tmpdir(), 'txb-bench-rss-'));
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const report = join(scratch, 'peak');
  const methods = [
    { name: 'GNU time -f %M', unitsPerKiB: 1, wrap: (file, args) => ['/usr/bin/time', ['-o', report, '-f', '%M', file, ...args]] },
    { name: 'python3 getrusage(RUSAGE_CHILDREN)', unitsPerKiB: process.platform === 'darwin' ? 1024 : 1, wrap: (file, args) => ['python3', ['-c', PYTHON_PEAK, report, file, ...args]] },
  ];
  const method = methods.find((candidate) => {
    rmSync(report, { force: true });
    const [file, args] = candidate.wrap('true', []);
    return spawnSync(file, args).status === 0 && /^\d+\s*$/.test(readOrEmpty(report));
  });
  return {
    method: method?.name ?? 'none available',
    /** Runs `file args` once; returns its exit status, output and peak RSS in MiB (or null). */
    run(file, args, options) {
      rmSync(report, { force: true });
      const [wrappedFile, wrappedArgs] = method ? method.wrap(file, args) : [file, args];
      const result = spawnSync(wrappedFile, wrappedArgs, { ...options, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      // GNU time puts "Command exited with non-zero status N" before the figure.
      const figure = Number(readOrEmpty(report).trim().split('\n').pop());
      return { ...result, peakMiB: method && figure > 0 ? figure / method.unitsPerKiB / 1024 : null };
    },
  };
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
