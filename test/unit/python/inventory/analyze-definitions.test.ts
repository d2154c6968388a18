import { describe, expect, it } from 'vitest';
import { analyzeDefinitions } from '../../../../src/python/inventory/analyze-definitions.js';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';
import type { ModuleInfo } from '../../../../src/types.js';

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

  it('parses nothing for a name the text never defines, nor for a longer or shorter name', () => {
    for (const names of [['Outer.gone'], ['missing'], ['fetc', 'etch', 'help'], []]) {
      expect(analyzeDefinitions(analyze, MODULE, names, options)).toEqual({ functions: [], syntaxErrors: [] });
    }
    expect(analyzeDefinitions(analyze, py('# def old(): gone', 'x = 1'), ['old'], options)).toEqual({ functions: [], syntaxErrors: [] });
  });

  it('keeps only the statements that can define the names, so others may be missing', () => {
    const fetched = analyzeDefinitions(analyze, MODULE, ['fetch'], options);
    expect(fetched.functions.map((fn) => fn.qualifiedName)).toEqual(['fetch']);
    expect(definitions(fetched, 'fetch')).toEqual(definitions(analyze(MODULE, options), 'fetch'));
  });

  it('finds `def` split from its name by a backslash continuation, and non-ASCII names in NFKC form', () => {
    const split = py('x = 1', 'y = 2', 'z = 3', 'def \\', '  late():', '    pass', 'w = 4', 'v = 5', 'u = 6');
    expect(definitions(analyzeDefinitions(analyze, split, ['late'], options), 'late')).toEqual([[4, 3, null]]);
    const unicode = py('x = 1', 'y = 2', 'z = 3', 'def café():', '    pass', 'def caféine():', '    pass', 'w = 4', 'v = 5', 'u = 6');
    expect(analyzeDefinitions(analyze, unicode, ['café'], options).functions.map((fn) => fn.qualifiedName)).toEqual(['café']);
    // `def ﬁnd_user` defines `find_user` (PEP 3131).
    const ligature = analyzeDefinitions(analyze, unicode.replace('café():', 'ﬁnd_user():'), ['find_user'], options);
    expect(ligature.functions.map((fn) => [fn.qualifiedName, fn.defLine])).toEqual([['find_user', 4]]);
  });

  it('parses the whole file when the statements cannot be told apart', () => {
    const unterminated = py('def f():', '    return "unterminated', 'x = 1');
    expect(analyzeDefinitions(analyze, unterminated, ['f'], options)).toEqual(analyze(unterminated, options));
  });

  it('falls back to the whole file when the kept blocks do not parse on their own', () => {
    const broken = py('x = 1', 'y = 2', 'z = 3', 'def f(:', '    """Doc."""', 'w = 4', 'v = 5', 'u = 6');
    expect(analyzeDefinitions(analyze, broken, ['f'], options)).toEqual(analyze(broken, options));
  });
});
