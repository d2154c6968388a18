import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';

const analyze = await loadAnalyzer();
const py = (...lines: string[]) => `${lines.join('\n')}\n`;
const analyzeLines = (...lines: string[]) => analyze(py(...lines), { respectAll: true });

describe('syntax errors', () => {
  it('reports nothing for valid modern Python', () => {
    const result = analyzeLines(
      'type Alias[T] = list[T]',
      'class Box[T]:',
      '    def get[U](self, x: U) -> T: ...',
      'match command:',
      '    case {"x": x, **rest} if x > 0:',
      '        pass',
      'try:',
      '    pass',
      'except* (ValueError, TypeError) as group:',
      '    pass',
      'async def f():',
      '    async with a as b, c as d:',
      '        print(f"{b!r:>{width}} {d=}")',
      '    return [x async for x in gen()]',
      'lambda: (yield)',
      'x = (y := 3)',
    );
    expect(result.syntaxErrors).toEqual([]);
  });

  it('names a missing token and keeps the function it belongs to', () => {
    const result = analyzeLines('def f(:', '    pass');
    expect(result.syntaxErrors).toEqual([{ range: { start: 1, end: 1 }, line: 1, column: 7, message: 'missing `)`' }]);
    expect(result.functions.map((fn) => fn.name)).toEqual(['f']);
  });

  it('reports an invalid region and still lists the functions around it', () => {
    const result = analyzeLines('def before():', '    """Doc."""', '', 'class A:', '    def broken(self):', '        x = (1,', '        return 2', '', '    def after(self):', '        pass');
    expect(result.syntaxErrors).toHaveLength(1);
    expect(result.syntaxErrors[0]).toMatchObject({ message: expect.any(String) });
    const [issue] = result.syntaxErrors;
    expect(issue?.range.start).toBeGreaterThanOrEqual(5);
    expect(issue?.range.end).toBeLessThanOrEqual(7);
    expect(result.functions.map((fn) => fn.qualifiedName)).toEqual(['before', 'A.broken', 'A.after']);
  });

  it('merges overlapping and adjacent problems into one range', () => {
    const result = analyzeLines('def f(a', 'def g(b', 'x = 1');
    expect(result.syntaxErrors).toHaveLength(1);
    expect(result.syntaxErrors[0]?.range.start).toBe(1);
  });

  it('keeps separate problems apart, in line order, with character columns', () => {
    const result = analyzeLines('𝔘é = [1,', '', 'x = 1', '', 'ü = (1 +', '', 'y = 2');
    expect(result.syntaxErrors.map((issue) => [issue.line, issue.column])).toEqual([
      [1, 4],
      [5, 3],
    ]);
  });
});
