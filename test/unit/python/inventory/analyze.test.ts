import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';
import { loadParser } from '../../../../src/python/tree/parser.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;
const run = (source: string) => analyze(source, { respectAll: true });

describe('loading', () => {
  it('loads the parser once per process', async () => {
    expect(await loadParser()).toBe(await loadParser());
    const again = await loadAnalyzer();
    expect(again('def f(): pass\n', { respectAll: true }).functions).toHaveLength(1);
  });
});

describe('whole files', () => {
  it('returns plain data for an empty file and a docstring-only file', () => {
    expect(run('')).toEqual({ functions: [], syntaxErrors: [] });
    expect(run('"""Only a module docstring."""')).toEqual({ functions: [], syntaxErrors: [] });
  });

  it('returns data that survives JSON (no tree-sitter objects leak out)', () => {
    const result = run(py('class A:', '    @property', '    def x(self):', '        """Doc."""', '        return 1'));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('gives the same answers for a CRLF file as for its LF twin, tabs included', () => {
    const lines = ['class A:', '\tdef m(self):  # noqa: TXB001', '\t\t"""Doc.', '', '\t\tTransaction boundary: x', '\t\t"""'];
    const lf = run(py(...lines));
    const crlf = run(`${lines.join('\r\n')}\r\n`);
    expect(crlf).toEqual(lf);
    expect(lf.functions[0]).toMatchObject({ suppressed: ['TXB001'], bodyIndent: '\t\t', span: { start: 2, end: 6 } });
  });

  it('keeps the text of a docstring that quotes a long run of # lines', () => {
    const quoted = Array.from({ length: 120 }, (_, i) => `    # step ${i}`);
    const result = run(py('def f():', '    """Doc.', ...quoted, '    """', '    pass'));
    expect(result.functions[0]?.docstring?.value).toBe(`Doc.\n${quoted.join('\n')}\n    `);
    expect(result.syntaxErrors).toEqual([]);
  });

  it('reads past long runs of commented-out code (a quadratic corner of the grammar)', () => {
    const commented = '    # old_code(session)\n'.repeat(8_000);
    const source = `class A:\n    def f(self):\n        pass\n${commented}    def g(self):  # noqa: TXB001\n        pass\n`;
    const result = run(source);
    expect(result.functions.map((fn) => [fn.qualifiedName, fn.span.end, fn.suppressed])).toEqual([
      ['A.f', 3, []],
      ['A.g', 8_005, ['TXB001']],
    ]);
  });

  it('handles a 200,000-line file', () => {
    const source = `def first():\n    pass\n${'# generated\n'.repeat(199_996)}def last():\n    """Doc."""\n`;
    const result = run(source);
    expect(result.functions.map((fn) => [fn.name, fn.defLine, fn.span.end])).toEqual([
      ['first', 1, 2],
      ['last', 199_999, 200_000],
    ]);
  });

  it('analyses a 5,000-line service module', () => {
    expect(run(serviceModule(500)).functions).toHaveLength(500);
  });

  it('survives 300 nested blocks and 300 nested functions', () => {
    let ifs = '';
    for (let depth = 0; depth < 300; depth++) ifs += `${' '.repeat(depth)}if x:\n`;
    ifs += `${' '.repeat(300)}def deep(): pass\n`;
    expect(run(ifs).functions.map((fn) => fn.name)).toEqual(['deep']);
    let defs = '';
    for (let depth = 0; depth < 300; depth++) defs += `${' '.repeat(depth)}def f${depth}():\n`;
    defs += `${' '.repeat(300)}pass\n`;
    expect(run(defs).functions.map((fn) => [fn.name, fn.span])).toEqual([['f0', { start: 1, end: 301 }]]);
  });

  it('survives 300 nested brackets with a syntax error inside', () => {
    const source = `x = ${'('.repeat(300)}1 +${')'.repeat(300)}\ndef f(): pass\n`;
    const result = run(source);
    expect(result.syntaxErrors.length).toBeGreaterThan(0);
    expect(result.functions.map((fn) => fn.name)).toContain('f');
  });
});

function serviceModule(count: number): string {
  const parts = ['"""Services."""', 'from db import session_scope', ''];
  for (let i = 0; i < count; i++) {
    parts.push(
      `def create_order_${i}(customer_id, items, session=None):`,
      '    """Create an order.',
      '',
      '    Transaction boundary: Single operation, automatically atomic.',
      '    """',
      '    with session_scope(session) as sess:',
      '        order = Order(customer_id=customer_id)',
      '        sess.add(order)',
      '        return order',
      '',
    );
  }
  return py(...parts);
}
