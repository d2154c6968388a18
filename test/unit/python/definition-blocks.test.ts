import { describe, expect, it } from 'vitest';
import { analyzeDefinitions } from '../../../src/python/inventory/analyze-definitions.js';
import { loadAnalyzer } from '../../../src/python/inventory/analyze.js';
import { blocksDefining } from '../../../src/python/tree/definition-blocks.js';
import type { ModuleInfo } from '../../../src/types.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;

const MODULE = py(
  'import os',
  '',
  'class Outer:',
  '    class Inner:',
  '        def method(self):',
  '            """Doc.',
  '',
  '            Transaction boundary: Read-only.',
  '            """',
  '',
  'def helper():',
  '    """def method(): only a docstring"""',
  '',
  '@cached',
  'async def fetch(session):',
  '    pass',
  '',
  'X = 1',
  'Y = 2',
  'Z = 3',
);

/** The kept lines of a partial text, with their 1-based numbers. */
function keptLines(text: string): string[] {
  return text.split('\n').flatMap((line, i) => (line === '' ? [] : [`${i + 1}: ${line}`]));
}

describe('blocksDefining', () => {
  it('keeps the blocks whose text defines a name, every other line emptied in place', () => {
    const narrowed = blocksDefining(MODULE, ['fetch']);
    expect(narrowed.kind).toBe('partial');
    if (narrowed.kind !== 'partial') return;
    expect(narrowed.text.split('\n')).toHaveLength(MODULE.split('\n').length);
    expect(keptLines(narrowed.text)).toEqual(['14: @cached', '15: async def fetch(session):', '16:     pass']);
  });

  it('keeps the block of the outermost class for a nested method, and a block that only quotes the name', () => {
    const narrowed = blocksDefining(MODULE, ['method']);
    if (narrowed.kind !== 'partial') throw new Error(`expected partial, got ${narrowed.kind}`);
    expect(keptLines(narrowed.text).map((line) => line.split(':')[0])).toEqual(['3', '4', '5', '6', '8', '9', '11', '12']);
  });

  it('answers `absent` without a definition, a longer name or a `def` in a comment before the first statement', () => {
    expect(blocksDefining(MODULE, ['missing'])).toEqual({ kind: 'absent' });
    expect(blocksDefining(MODULE, ['fetc', 'etch', 'help'])).toEqual({ kind: 'absent' });
    expect(blocksDefining(py('# def old(): gone', 'x = 1'), ['old'])).toEqual({ kind: 'absent' });
    expect(blocksDefining(MODULE, [])).toEqual({ kind: 'absent' });
  });

  it('finds `def` split from its name by a backslash continuation, and non-ASCII names', () => {
    const split = py('x = 1', 'y = 2', 'z = 3', 'def \\', '  late():', '    pass', 'w = 4', 'v = 5', 'u = 6');
    expect(blocksDefining(split, ['late']).kind).toBe('partial');
    const unicode = py('x = 1', 'y = 2', 'z = 3', 'def café():', '    pass', 'def caféine():', '    pass', 'w = 4', 'v = 5', 'u = 6');
    const narrowed = blocksDefining(unicode, ['café']);
    if (narrowed.kind !== 'partial') throw new Error(`expected partial, got ${narrowed.kind}`);
    expect(keptLines(narrowed.text)).toEqual(['4: def café():', '5:     pass']);
    // Names come in Python's NFKC form: `def ﬁnd_user` defines `find_user`.
    const ligature = blocksDefining(unicode.replace('café():', 'ﬁnd_user():'), ['find_user']);
    if (ligature.kind !== 'partial') throw new Error(`expected partial, got ${ligature.kind}`);
    expect(keptLines(ligature.text)).toEqual(['4: def ﬁnd_user():', '5:     pass']);
  });

  it('needs the whole file when the blocks cannot be told apart or are most of it', () => {
    expect(blocksDefining(py('def f():', '    return "unterminated', 'x = 1'), ['f'])).toEqual({ kind: 'whole' });
    expect(blocksDefining(py('def f():', '    pass'), ['f'])).toEqual({ kind: 'whole' });
  });
});

describe('analyzeDefinitions', () => {
  const options = { respectAll: false, needsFacts: () => false };
  /** What TXB002 reads: each definition's qualified name, line and docstring. */
  const definitions = (module: ModuleInfo, name: string) => module.functions.filter((fn) => fn.qualifiedName === name).map((fn) => [fn.defLine, fn.nameColumn, fn.docstring?.value ?? null]);

  it('gives the definitions asked for as the whole-file analysis does', () => {
    const whole = analyze(MODULE, options);
    for (const name of ['Outer.Inner.method', 'fetch', 'helper']) {
      expect(definitions(analyzeDefinitions(analyze, MODULE, [name], options), name)).toEqual(definitions(whole, name));
    }
    expect(definitions(whole, 'Outer.Inner.method')).toEqual([[5, 13, expect.stringContaining('Transaction boundary: Read-only.')]]);
  });

  it('parses nothing for a name the text never defines', () => {
    expect(analyzeDefinitions(analyze, MODULE, ['Outer.gone'], options)).toEqual({ functions: [], syntaxErrors: [] });
  });

  it('falls back to the whole file when the kept blocks do not parse on their own', () => {
    const broken = py('x = 1', 'y = 2', 'z = 3', 'def f(:', '    """Doc."""', 'w = 4', 'v = 5', 'u = 6');
    expect(analyzeDefinitions(analyze, broken, ['f'], options)).toEqual(analyze(broken, options));
  });
});
