import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;
const errorsOf = (source: string) => analyze(source, { respectAll: true }).syntaxErrors;

describe('errors Python reports that tree-sitter lets through', () => {
  it.each([
    ['IndentationError', py('class Store:', '    @staticmethod', '  x = 1', '    def load(key):', '        """Load."""', '        return key'), 3],
    ['IndentationError', py('def f():', '        x = 1', '    y = 2'), 3],
    ['TabError', py('def f():', '    if x:', '\ty = 1', '    z = 2'), 3],
    ['TabError', py('if x:', '        a = 1', '\tb = 2'), 3],
    ["'return' outside function", py('x = 1', 'return x'), 2],
    ["'break' outside loop", py('def f():', '    break'), 2],
    ['parameter without a default follows parameter with a default', py('def f(a=1, b):', '    pass'), 1],
    ['parameter without a default follows parameter with a default', py('class A:', '    def f(', '        self,', '        a: int = 1,', '        b: str,', '    ):', '        pass'), 5],
  ])('reports %s as Python does, on its line', (message, source, line) => {
    expect(errorsOf(source).some((issue) => issue.line === line && issue.message.includes(message))).toBe(true);
  });

  it('accepts tabs used consistently, and return, break and continue where Python allows them', () => {
    expect(errorsOf(py('def f(a, b=1, *args, c, d=2, **kw):', '    pass', 'def g(a=1, /, b=2, *, c):', '    pass'))).toEqual([]);
    // Annotated splats end the positional parameters too.
    expect(errorsOf(py('def h(a: str = "", *args: int, b, **context: Any):', '    pass', 'def k(self, m: str = "", **kw: Any):', '    pass'))).toEqual([]);
    const source = py('def f(items):', '\tfor x in items:', '\t\tif x:', '\t\t\tcontinue', '\t\tbreak', '\treturn 1', 'class A:', '    def g(self):', '        while True:', '            return 2');
    expect(errorsOf(source)).toEqual([]);
  });

  it('measures no indentation on a line a backslash continues', () => {
    expect(errorsOf(py('def \\', '  late():', '    pass', 'if \\', '        ready:', '    go()'))).toEqual([]);
  });

  it('marks them as what Python itself reports (exact), apart from what tree-sitter recovered', () => {
    expect(errorsOf(py('def f():', '    x = 1', '      y = 2'))).toEqual([{ range: { start: 3, end: 3 }, line: 3, column: 7, message: 'IndentationError: unexpected indent', exact: true }]);
  });
});
