import { describe, expect, it } from 'vitest';
import { classBodyBlocks, topLevelBlocks } from '../../../../src/python/tree/top-level-blocks.js';

/** The 0-based first line of each top-level block, or null when the scanner gives up. */
function startsOf(...lines: string[]): number[] | null {
  return topLevelBlocks(`${lines.join('\n')}\n`)?.map((block) => block.start) ?? null;
}

describe('topLevelBlocks', () => {
  it("gives each statement's own first line, past its decorators", () => {
    const source = '@route(\n    "/x",\n)\n\n@cached\nasync def f():\n    pass\nclass C:\n    pass\n';
    expect(topLevelBlocks(source)).toEqual([
      { start: 0, end: 7, head: 5 },
      { start: 7, end: 10, head: 7 },
    ]);
  });

  it('splits a module into its top-level statements, each running to the next', () => {
    const source = 'import os\n\nX = 1\n\n\ndef f():\n    return X\n';
    expect(topLevelBlocks(source)).toEqual([
      { start: 0, end: 2, head: 0 },
      { start: 2, end: 5, head: 2 },
      { start: 5, end: 8, head: 5 },
    ]);
    expect(topLevelBlocks('')).toEqual([]);
    expect(topLevelBlocks('# only a comment\n\n')).toEqual([]);
  });

  it('keeps decorators with their definition, and clauses with their statement', () => {
    expect(startsOf('@retry', '@audited(', '    "x",', ')', '# why', 'def f():', '    pass', 'x = 1')).toEqual([0, 7]);
    expect(startsOf('if A:', '    pass', 'elif B:', '    pass', 'else:', '    pass', 'try:', '    pass', 'except E:', '    pass', 'except* F:', '    pass', 'finally:', '    pass')).toEqual([0, 6]);
    // A name that merely starts with a keyword is a statement of its own.
    expect(startsOf('if A:', '    pass', 'elsewhere = 1', 'finally_ = 2')).toEqual([0, 2, 3]);
  });

  it('keeps nested classes in the block of the outermost class, comments at column 0 included', () => {
    expect(startsOf('class Outer:', '    class Inner:', '# a note at column 0', '        def method(self):', '            pass', 'def g():', '    pass')).toEqual([0, 5]);
  });

  it('sees no statement in a triple-quoted string that holds `def x` at column 0', () => {
    expect(startsOf('def f():', '    """Doc.', 'def x():', "'''", '    """', 'y = 1')).toEqual([0, 5]);
    expect(startsOf("X = r'''", 'def x(): \\', "'''", 'Y = b"""\\"""', 'def z(): pass', '"""')).toEqual([0, 3]);
  });

  it('follows every string prefix, escapes, and f-strings with nested quotes and fields', () => {
    expect(startsOf('a = rb"\\"" + Rb\'x\' + BR"y" + u"z" + t"{a}" + rt"{b}"', 'b = 2')).toEqual([0, 1]);
    expect(startsOf("a = \"it\\'s\" + 'say \"hi\"' + r'\\''", 'b = 2')).toEqual([0, 1]);
    expect(startsOf('a = f"{d["k"]}" + f\'{x!r:>{width}}\' + f"{\'}\'}" + f"{{literal}}"', 'b = 2')).toEqual([0, 1]);
    expect(startsOf('a = rf"\\{x}" + f"{ {\'k\': 1}[\'k\'] }"', 'b = 2')).toEqual([0, 1]);
    expect(startsOf('a = f"""{', 'x', '}', 'def not_code(): pass', '"""', 'b = 2')).toEqual([0, 5]);
  });

  it('joins lines through brackets and backslash continuations', () => {
    expect(startsOf('x = [', '1,', 'def not_a_statement', ']', 'y = 1 + \\', '2', 'z = 3')).toEqual([0, 4, 6]);
    // A backslash continues onto an empty line, which then ends the statement.
    expect(startsOf('x = 1 + \\', '', 'y = 2')).toEqual([0, 2]);
    expect(topLevelBlocks('x = (\r\n1)\r\ny = 2\r\n')?.map((block) => block.start)).toEqual([0, 2]);
  });

  it('ignores blank lines holding only a form feed (a page break)', () => {
    expect(startsOf('x = 1', '\f', 'y = 2')).toEqual([0, 2]);
  });

  it('gives up where Python would refuse the text or the scan cannot be sure', () => {
    expect(startsOf('x = "unterminated', 'y = 2')).toBeNull();
    expect(startsOf('x = """never closed')).toBeNull();
    expect(startsOf('x = (1,')).toBeNull();
    expect(startsOf('x = 1)')).toBeNull();
    expect(topLevelBlocks('x = 1 + \\\n')).toBeNull();
    expect(startsOf('    x = 1')).toBeNull();
    expect(startsOf('@decorator', '    def f(): pass')).toBeNull();
    expect(startsOf('else:', '    pass')).toBeNull();
    expect(startsOf('x = 1', '\fy = 2')).toBeNull();
    expect(topLevelBlocks('x = 1\ry = 2\n')).toBeNull();
    expect(startsOf('x = ur"py2 prefix"')).toBeNull();
    expect(startsOf('x = f"{a"')).toBeNull();
    expect(startsOf('x = f"}"')).toBeNull();
  });
});

describe('classBodyBlocks', () => {
  it('cuts a class into its head and the statements of its body', () => {
    const source = [
      '@dec',
      'class A(',
      '    Base,',
      '):',
      '    """Doc."""',
      '    x = 1',
      '',
      '    @property',
      '    def f(self):',
      '        return """text',
      'at column 0',
      '        """',
      '    if X:',
      '        def g(self): ...',
      '    else:',
      '        def g(self): ...',
      '    # trailing comment',
      '',
    ].join('\n');
    expect(classBodyBlocks(source)).toEqual([
      { start: 0, end: 4, head: 1 },
      { start: 4, end: 5, head: 4 },
      { start: 5, end: 7, head: 5 },
      { start: 7, end: 12, head: 8 },
      { start: 12, end: 18, head: 12 },
    ]);
  });

  it('gives up where it cannot be sure', () => {
    expect(classBodyBlocks('class A: pass\n')).toBeNull();
    expect(classBodyBlocks('class A:\n    x = 1\n  y = 2\n')).toBeNull();
    expect(classBodyBlocks('class A:\n\tx = 1\n    y = 2\n')).toBeNull();
    expect(classBodyBlocks('class A:\nx = 1\n')).toBeNull();
  });
});
