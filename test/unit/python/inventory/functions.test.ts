import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../../src/python/inventory/analyze.js';
import type { FunctionInfo } from '../../../../src/types.js';

const analyze = await loadAnalyzer();

/** Source lines joined with `\n`, plus a final newline. */
const py = (...lines: string[]) => `${lines.join('\n')}\n`;
const functionsOf = (source: string, respectAll = true) => analyze(source, { respectAll }).functions;
const names = (source: string) => functionsOf(source).map((fn) => fn.qualifiedName);
function only(source: string, qualifiedName: string): FunctionInfo {
  const found = functionsOf(source).find((fn) => fn.qualifiedName === qualifiedName);
  if (!found) throw new Error(`no function ${qualifiedName} in:\n${source}`);
  return found;
}

describe('which functions are listed', () => {
  it('lists module functions and methods of nested classes, in source order', () => {
    const source = py('def a(): pass', 'class Outer:', '    def b(self): pass', '    class Inner:', '        async def c(self): pass', '    def d(self): pass', 'async def e(): pass');
    expect(names(source)).toEqual(['a', 'Outer.b', 'Outer.Inner.c', 'Outer.d', 'e']);
  });

  it('looks through if/for/while/with/try/match blocks at module and class level', () => {
    const source = py(
      'if TYPE_CHECKING:',
      '    def a(): pass',
      'elif x:',
      '    def b(): pass',
      'else:',
      '    def c(): pass',
      'for i in x:',
      '    def d(): pass',
      'else:',
      '    def d2(): pass',
      'while x:',
      '    def e(): pass',
      'with x as y:',
      '    def f(): pass',
      'try:',
      '    def g(): pass',
      'except ImportError:',
      '    def h(): pass',
      'except* OSError:',
      '    def h2(): pass',
      'else:',
      '    def i(): pass',
      'finally:',
      '    def j(): pass',
      'match x:',
      '    case 1:',
      '        def k(): pass',
      'class K:',
      '    if sys.version_info >= (3, 12):',
      '        def m(self): pass',
      '    else:',
      '        try:',
      '            def n(self): pass',
      '        except Exception:',
      '            pass',
    );
    expect(names(source)).toEqual(['a', 'b', 'c', 'd', 'd2', 'e', 'f', 'g', 'h', 'h2', 'i', 'j', 'k', 'K.m', 'K.n']);
  });

  it('leaves functions and classes nested in functions to their parent', () => {
    const source = py(
      'def outer(session):',
      '    def _impl(sess):',
      '        pass',
      '    class Local:',
      '        def method(self): pass',
      '    if x:',
      '        def inner(): pass',
      '    return _impl(session)',
      'class A:',
      '    def m(self):',
      '        def helper(): pass',
    );
    expect(names(source)).toEqual(['outer', 'A.m']);
  });

  it('sees through decorated classes', () => {
    const source = py('@dataclass', 'class A:', '    def m(self): pass');
    expect(names(source)).toEqual(['A.m']);
  });

  it('handles an empty file and a file that is only a docstring', () => {
    expect(names('')).toEqual([]);
    expect(names('"""Module docstring."""\n')).toEqual([]);
  });

  it('survives 300 levels of nesting', () => {
    let source = '';
    for (let depth = 0; depth < 300; depth++) source += `${' '.repeat(depth)}class C${depth}:\n`;
    source += `${' '.repeat(300)}def deep(self): pass\n`;
    const [deep] = functionsOf(source);
    expect(deep?.qualifiedName.split('.')).toHaveLength(301);
    expect(deep?.defLine).toBe(301);
  });
});

describe('public or not', () => {
  it('treats a leading underscore on the name or any enclosing class as private', () => {
    const source = py(
      'def public(): pass',
      'def _private(): pass',
      'class A:',
      '    def __init__(self): pass',
      '    def method(self): pass',
      '    class _Hidden:',
      '        def method(self): pass',
      'class _B:',
      '    def method(self): pass',
    );
    const visibility = Object.fromEntries(functionsOf(source).map((fn) => [fn.qualifiedName, fn.isPublic]));
    expect(visibility).toEqual({
      public: true,
      _private: false,
      'A.__init__': false,
      'A.method': true,
      'A._Hidden.method': false,
      '_B.method': false,
    });
  });

  it('restricts top-level names to a literal __all__ unless respectAll is off', () => {
    const source = py('__all__ = ["listed", "Service"]', 'def listed(): pass', 'def unlisted(): pass', 'class Service:', '    def run(self): pass', 'class Other:', '    def run(self): pass');
    const publicNames = (respectAll: boolean) =>
      functionsOf(source, respectAll)
        .filter((fn) => fn.isPublic)
        .map((fn) => fn.qualifiedName);
    expect(publicNames(true)).toEqual(['listed', 'Service.run']);
    expect(publicNames(false)).toEqual(['listed', 'unlisted', 'Service.run', 'Other.run']);
  });
});

describe('stubs', () => {
  it('marks @overload in any spelling and property setters/deleters, not getters', () => {
    const source = py(
      'from typing import overload',
      '@overload',
      'def f(x: int) -> int: ...',
      '@typing.overload',
      'def f(x: str) -> str: ...',
      '@typing_extensions.overload',
      'def f(x: bytes) -> bytes: ...',
      'def f(x): return x',
      'class A:',
      '    @property',
      '    def value(self): return 1',
      '    @value.setter',
      '    def value(self, v): pass',
      '    @value.deleter',
      '    def value(self): pass',
      '    @staticmethod',
      '    def s(): pass',
    );
    expect(functionsOf(source).map((fn) => [fn.qualifiedName, fn.isStub])).toEqual([
      ['f', true],
      ['f', true],
      ['f', true],
      ['f', false],
      ['A.value', false],
      ['A.value', true],
      ['A.value', true],
      ['A.s', false],
    ]);
  });
});

describe('positions', () => {
  it('spans from the first decorator to the last body line, even across multi-line decorators', () => {
    const source = py('import x', '', '@decorator(', '    option=1,', ')', '@other', 'async def handler(', '    request,', '):', '    """Doc."""', '    return 1', '', 'y = 2');
    const fn = only(source, 'handler');
    expect(fn).toMatchObject({ span: { start: 3, end: 11 }, defLine: 7, nameColumn: 11, isAsync: true });
  });

  it("ends the span at the last statement, as Python's end_lineno does: trailing comments are not the body", () => {
    const source = py(
      'class A:',
      '    def m(self):',
      '        x = 1',
      '        # still the body',
      '',
      '        # this too',
      '    # dedented: belongs to the class',
      '    def n(self):',
      '        return (',
      '            1',
      '        )',
      '# module comment',
      'def f():',
      '    pass',
      '  # shallower than the body',
    );
    expect(only(source, 'A.m').span).toEqual({ start: 2, end: 3 });
    expect(only(source, 'A.n').span).toEqual({ start: 8, end: 11 });
    expect(only(source, 'f').span).toEqual({ start: 13, end: 14 });
  });

  it('does not let comments tree-sitter tucks into a nested block move the end', () => {
    const source = py(
      'class A:',
      '    def m(self):',
      '        if x:',
      '            y(',
      '                1,',
      '            )',
      '            # inside the if block',
      '    # class level',
      '    def n(self): pass',
    );
    expect(only(source, 'A.m').span).toEqual({ start: 2, end: 6 });
    expect(only(source, 'A.n').span).toEqual({ start: 9, end: 9 });
  });

  it('counts the name column in characters, not bytes or UTF-16 units', () => {
    const source = py('class Ñandú:', '    def ñame(self): pass', '\tdef 𝔘nicode(self): pass');
    const [first, second] = functionsOf(source);
    expect(first).toMatchObject({ qualifiedName: 'Ñandú.ñame', defLine: 2, nameColumn: 9 });
    // Python reads identifiers in NFKC form: 𝔘nicode is Unicode.
    expect(second).toMatchObject({ name: 'Unicode', defLine: 3, nameColumn: 6 });
  });

  it('keeps git line numbers in CRLF files', () => {
    const source = 'import x\r\n\r\ndef f():\r\n    """Doc.\r\n\r\n    Transaction boundary: x\r\n    """\r\n    pass\r\n';
    const fn = only(source, 'f');
    expect(fn).toMatchObject({ span: { start: 3, end: 8 }, defLine: 3, nameColumn: 5, bodyIndent: '    ' });
    expect(fn.docstring).toMatchObject({ range: { start: 4, end: 7 }, indent: '    ' });
    expect(fn.docstring?.value).toBe('Doc.\n\n    Transaction boundary: x\n    ');
  });

  it('takes the body indentation from the first statement, or adds a level for one-liners', () => {
    expect(only(py('class A:', '\tdef m(self):', '\t\tpass'), 'A.m').bodyIndent).toBe('\t\t');
    expect(only(py('def f():', '  # comment first', '  pass'), 'f').bodyIndent).toBe('  ');
    expect(only(py('class A:', '    def m(self): pass'), 'A.m').bodyIndent).toBe('        ');
    expect(only(py('class A:', '\tdef m(self): pass'), 'A.m').bodyIndent).toBe('\t\t');
  });

  it('copes with a 100,000-character line', () => {
    const source = py('def f():', `    x = "${'a'.repeat(100_000)}"`, 'def g(): pass');
    expect(functionsOf(source).map((fn) => [fn.name, fn.span])).toEqual([
      ['f', { start: 1, end: 2 }],
      ['g', { start: 3, end: 3 }],
    ]);
  });
});

describe('docstrings', () => {
  const docOf = (body: string) => only(py('def f():', body, '    pass'), 'f').docstring;

  it('reads plain, parenthesised, raw and concatenated literals', () => {
    expect(docOf('    """Plain."""')).toMatchObject({ value: 'Plain.', opening: '"""', indent: '    ' });
    expect(docOf('    ("Paren.")')).toMatchObject({ value: 'Paren.', opening: '"' });
    expect(docOf("    r'''a\\d'''")).toMatchObject({ value: 'a\\d', opening: "r'''" });
    expect(docOf('    "one " \'two\'')).toMatchObject({ value: 'one two', opening: '"' });
    expect(docOf('    U"unicode"')?.value).toBe('unicode');
  });

  it('rejects bytes, f-strings (alone or in a concatenation), tuples and non-strings', () => {
    expect(docOf('    b"bytes"')).toBeNull();
    expect(docOf('    rb"bytes"')).toBeNull();
    expect(docOf('    f"formatted {x}"')).toBeNull();
    expect(docOf('    "plain " f"then {x}"')).toBeNull();
    expect(docOf('    "a", "b"')).toBeNull();
    expect(docOf('    x = "not a docstring"')).toBeNull();
  });

  it('only looks at the first statement', () => {
    expect(only(py('def f():', '    pass', '    """Late."""'), 'f').docstring).toBeNull();
    expect(only(py('def f():', '    # comment', '    """Doc."""'), 'f').docstring?.value).toBe('Doc.');
  });

  it('decodes escapes so a header formed by them counts', () => {
    expect(docOf('    """\\x54ransaction boundary: x"""')?.value).toBe('Transaction boundary: x');
    expect(docOf('    """a\\\n    b"""')?.value).toBe('a    b');
  });

  it('gives the literal range and the indentation before it', () => {
    const source = py('class A:', '    def m(self):', '        """First.', '', '        More.', '        """');
    expect(only(source, 'A.m').docstring).toMatchObject({ range: { start: 3, end: 6 }, indent: '        ' });
    expect(only(py('def f(): "Short."'), 'f').docstring).toMatchObject({ value: 'Short.', indent: '    ' });
  });
});

describe('suppression on the def line', () => {
  const suppressed = (defLine: string) => only(py(defLine, '    pass'), 'f').suppressed;

  it('reads noqa codes, keeping only TXB ones, upper-cased', () => {
    expect(suppressed('def f():  # noqa: TXB001')).toEqual(['TXB001']);
    expect(suppressed('def f():  # noqa:txb001,TXB002')).toEqual(['TXB001', 'TXB002']);
    expect(suppressed('def f():  # noqa: TXB001, E501')).toEqual(['TXB001']);
    expect(suppressed('def f():  # type: ignore  # noqa: TXB003')).toEqual(['TXB003']);
  });

  it('reads the comment after a one-line def', () => {
    expect(only(py('def f(): pass  # noqa: TXB001'), 'f').suppressed).toEqual(['TXB001']);
    expect(only(py('def f(): return "#"  # txboundary: ignore'), 'f').suppressed).toBe('all');
  });

  it('silences everything with txboundary: ignore, nothing with a bare noqa', () => {
    expect(suppressed('def f():  # txboundary: ignore')).toBe('all');
    expect(suppressed('def f():  # noqa')).toEqual([]);
    expect(suppressed('def f():  # noqa: E501')).toEqual([]);
  });

  it('ignores a # inside a string and comments on decorator lines', () => {
    expect(suppressed('def f(sep="# noqa: TXB001"):')).toEqual([]);
    expect(suppressed('def f(sep="#"):  # noqa: TXB002')).toEqual(['TXB002']);
    const decorated = py('@decorator  # noqa: TXB001', 'def f():', '    pass');
    expect(only(decorated, 'f').suppressed).toEqual([]);
  });

  it('reads a comment on the def line of a multi-line signature', () => {
    expect(only(py('def f(  # noqa: TXB001', '    a,', '):', '    pass'), 'f').suppressed).toEqual(['TXB001']);
  });
});

describe('body facts', () => {
  it('are attached to each function', () => {
    const source = py('def f(session):', '    session.add(x)');
    expect(only(source, 'f').facts.flow).toMatchObject({ kind: 'write', callee: 'session.add' });
  });
});
