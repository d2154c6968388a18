/**
 * What a commit without Python loads: the static import graph of the built
 * entry (dist/cli.js), before any dynamic import. Every kilobyte and every
 * built-in module here is paid on every commit, so the heavy parts (the
 * parser, the glob compiler, the config validator, TOML, hashing) must stay
 * behind dynamic imports. A size check, not a timing: timings live in the bench.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH } from '../../helpers/run-cli.js';

function staticGraph(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const match of text.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?"(\.\/[^"]+)"/gms)) visit(join(dirname(file), match[1] as string));
  };
  visit(entry);
  return files;
}

describe('start-up', () => {
  const graph = staticGraph(CLI_PATH);
  const text = [...graph.values()].join('\n');

  it('loads no parser, glob compiler, validator, TOML reader or hashing before it knows a Python file is staged', () => {
    for (const heavy of ['web-tree-sitter', 'picomatch', 'smol-toml', 'src/config/validate.ts', 'node:crypto', 'src/python/']) {
      expect(text.includes(heavy), `${heavy} is imported statically`).toBe(false);
    }
  });

  it('stays under 64 KB of JavaScript', () => {
    const bytes = [...graph.keys()].reduce((sum, file) => sum + statSync(file).size, 0);
    expect(bytes).toBeLessThan(64 * 1024);
  });
});
