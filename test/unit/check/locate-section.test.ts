import { describe, expect, it } from 'vitest';
import { locateSection } from '../../../src/check/locate-section.js';
import { isSectionStart } from '../../../src/check/section-start.js';
import { planEdits } from '../../../src/fix/plan-edit.js';
import { loadAnalyzer } from '../../../src/python/inventory/analyze.js';
import { sectionState } from '../../../src/python/literals/docstring.js';
import { renderDocstring } from '../../../src/suggest/template.js';
import { dedent } from '../../helpers/git-repo.js';

const analyze = await loadAnalyzer();
const SECTION = 'Transaction boundary';

/**
 * Places a two-line section into function `name` of `source` (working tree
 * = index) and returns the new source, after checking that Python would now
 * see a docstring with a non-empty section; or the reason it was refused.
 */
function fix(source: string, name = 'f'): string {
  const fn = analyze(source, { respectAll: false }).functions.find((candidate) => candidate.qualifiedName === name);
  if (!fn) throw new Error(`no function ${name}`);
  const indent = fn.docstring?.indent ?? fn.bodyIndent;
  const sectionLines = [`${indent}${SECTION}: Read-only.`, `${indent}${indent.includes('\t') ? '\t' : '    '}No writes.`];
  const paste = fn.docstring ? sectionLines : renderDocstring(fn.name, sectionLines, indent);
  const lines = source.split('\n');
  const placed = locateSection({ lines, fn, section: SECTION, paste });
  if (placed.applicability === 'manual') return `refused: ${placed.reason}`;
  const fixed = planEdits(lines, lines, placed.edits).lines.join('\n');
  const after = analyze(fixed, { respectAll: false });
  expect(after.syntaxErrors).toEqual([]);
  const docstring = after.functions.find((candidate) => candidate.qualifiedName === name)?.docstring;
  expect(docstring && sectionState(docstring.value, SECTION)).toBe('present');
  return fixed;
}

describe('locateSection: in an existing docstring', () => {
  it('goes after the summary paragraph, before the closing quotes', () => {
    const source = dedent`
      def f(session):
          """Return the plan.
          """
          return 1
    `;
    expect(fix(source)).toBe(dedent`
      def f(session):
          """Return the plan.

          Transaction boundary: Read-only.
              No writes.
          """
          return 1
    `);
  });

  it('goes after the description paragraphs and before Args:, with a blank line on each side', () => {
    const source = dedent`
      def f(session, plan_id):
          """Return the plan.

          Looks it up by id.

          Args:
              plan_id: which plan.

          Returns:
              The plan.
          """
    `;
    expect(fix(source)).toBe(dedent`
      def f(session, plan_id):
          """Return the plan.

          Looks it up by id.

          Transaction boundary: Read-only.
              No writes.

          Args:
              plan_id: which plan.

          Returns:
              The plan.
          """
    `);
  });

  it('adds the blank lines a header right under the summary lacks', () => {
    const source = dedent`
      def f(session, plan_id):
          """Return the plan.
          Raises:
              KeyError: no such plan.
          """
    `;
    expect(fix(source)).toBe(dedent`
      def f(session, plan_id):
          """Return the plan.

          Transaction boundary: Read-only.
              No writes.

          Raises:
              KeyError: no such plan.
          """
    `);
  });

  it('recognises NumPy, reST and doctest structure, not a colon inside a sentence', () => {
    expect(isSectionStart('Parameters', '----------')).toBe(true);
    expect(isSectionStart(':param plan_id: which plan', undefined)).toBe(true);
    expect(isSectionStart('.. note::', undefined)).toBe(true);
    expect(isSectionStart('>>> f()', undefined)).toBe(true);
    expect(isSectionStart('See Also:', undefined)).toBe(true);
    expect(isSectionStart('Does the following:', undefined)).toBe(false);
    expect(isSectionStart('Note: this is prose.', undefined)).toBe(false);
    const numpy = dedent`
      def f(x):
          """Return x.

          Parameters
          ----------
          x : int
          """
    `;
    expect(fix(numpy)).toContain('    """Return x.\n\n    Transaction boundary: Read-only.\n        No writes.\n\n    Parameters\n');
  });

  it('ignores header-like lines indented deeper than the docstring text', () => {
    const source = dedent`
      def f(x):
          """Return x.

          Example config::

              Settings:
                  x = 1
          """
    `;
    expect(fix(source)).toContain('            x = 1\n\n    Transaction boundary: Read-only.\n        No writes.\n    """\n');
  });

  it('handles a summary on the line after the opening quotes', () => {
    const source = dedent`
      class A:
          def f(self):
              """
              Return the plan.
              """
    `;
    expect(fix(source, 'A.f')).toBe(dedent`
      class A:
          def f(self):
              """
              Return the plan.

              Transaction boundary: Read-only.
                  No writes.
              """
    `);
  });

  it('moves closing quotes that end a text line onto a line of their own', () => {
    const source = dedent`
      def f():
          """Return the plan.

          By id."""
          return 1
    `;
    expect(fix(source)).toBe(dedent`
      def f():
          """Return the plan.

          By id.

          Transaction boundary: Read-only.
              No writes.
          """
          return 1
    `);
  });

  it('keeps tabs', () => {
    const source = 'class A:\n\tdef f(self):\n\t\t"""Return it.\n\n\t\tArgs:\n\t\t\tx: y\n\t\t"""\n\t\treturn 1\n';
    expect(fix(source, 'A.f')).toBe('class A:\n\tdef f(self):\n\t\t"""Return it.\n\n\t\tTransaction boundary: Read-only.\n\t\t\tNo writes.\n\n\t\tArgs:\n\t\t\tx: y\n\t\t"""\n\t\treturn 1\n');
  });
});

describe('locateSection: a one-line docstring becomes a multi-line one', () => {
  it('"""Summary."""', () => {
    expect(fix('def f():\n    """Return the plan."""\n    return 1\n')).toBe('def f():\n    """Return the plan.\n\n    Transaction boundary: Read-only.\n        No writes.\n    """\n    return 1\n');
  });

  it('keeps a raw prefix and the quote character', () => {
    expect(fix("def f():\n    r'''Match \\d.'''\n")).toBe("def f():\n    r'''Match \\d.\n\n    Transaction boundary: Read-only.\n        No writes.\n    '''\n");
  });

  it('turns single quotes into triple quotes of the same kind', () => {
    expect(fix("def f():\n    'Return it.'\n")).toBe("def f():\n    '''Return it.\n\n    Transaction boundary: Read-only.\n        No writes.\n    '''\n");
    expect(fix('def f():\n    "Return it."\n')).toContain('    """Return it.\n');
  });

  it('works on the last line of a file without a final newline', () => {
    expect(fix('def f():\n    """Return it."""')).toBe('def f():\n    """Return it.\n\n    Transaction boundary: Read-only.\n        No writes.\n    """');
  });
});

describe('locateSection: TXB003 fills the empty header instead of adding a second one', () => {
  it('replaces the header line, before the next section', () => {
    const source = dedent`
      def f(x):
          """Return x.

          Transaction boundary:
          Args:
              x: the value.
          """
    `;
    expect(fix(source)).toBe(dedent`
      def f(x):
          """Return x.

          Transaction boundary: Read-only.
              No writes.

          Args:
              x: the value.
          """
    `);
  });

  it('at the end of the docstring, whatever the header case', () => {
    const source = 'def f(x):\n    """Return x.\n\n    transaction boundary:\n    """\n';
    expect(fix(source)).toBe('def f(x):\n    """Return x.\n\n    Transaction boundary: Read-only.\n        No writes.\n    """\n');
  });

  it('refuses when the empty header shares its line with the quotes', () => {
    expect(fix('def f(x):\n    """Return x.\n\n    Transaction boundary:"""\n')).toMatch(/^refused: .*shares a line with the docstring's quotes/);
  });
});

describe('locateSection: no docstring yet', () => {
  it('inserts a whole docstring below the def line', () => {
    expect(fix('def get_plan(session):\n    # comment\n    return 1\n', 'get_plan')).toBe(
      'def get_plan(session):\n    """Get plan.\n\n    Transaction boundary: Read-only.\n        No writes.\n    """\n    # comment\n    return 1\n',
    );
  });

  it('inserts it below the last line of a multi-line signature', () => {
    const source = dedent`
      async def get_plan(
          session: Session,
          plan_id: int = {"a": 1}["a"],
      ) -> dict[str, int]:  # noqa: E501
          return {}
    `;
    expect(fix(source, 'get_plan')).toBe(dedent`
      async def get_plan(
          session: Session,
          plan_id: int = {"a": 1}["a"],
      ) -> dict[str, int]:  # noqa: E501
          """Get plan.

          Transaction boundary: Read-only.
              No writes.
          """
          return {}
    `);
  });

  it('refuses a body on the def line', () => {
    expect(fix('def f(): pass\n')).toBe('refused: its body starts on the line of the `def`');
    expect(fix('def f(): """Doc."""\n')).toBe('refused: its docstring starts on the line of the `def`');
  });
});

describe('locateSection: refuses docstrings it cannot edit line by line', () => {
  it.each([
    ['parenthesised', 'def f():\n    ("""Doc."""\n    )\n'],
    ['concatenated', 'def f():\n    """Doc.""" """More."""\n'],
    ['followed by code', 'def f():\n    """Doc."""; x = 1\n'],
    ['continued single-quoted', 'def f():\n    "Doc \\\n    more"\n'],
  ])('%s', (_, source) => {
    expect(fix(source)).toMatch(/^refused: /);
  });
});

describe('what the analyzer tells about the signature', () => {
  it('headerEnd is the line of the colon that ends it, bodyStart the line of the first statement', () => {
    const [multi, oneLine, commented] = analyze('def f(\n    a: int,\n) -> int:\n    return a\n\ndef g(): pass\n\ndef h():  # c\n    # c\n    pass\n', { respectAll: false }).functions;
    expect(multi).toMatchObject({ defLine: 1, headerEnd: 3, bodyStart: 4 });
    expect(oneLine).toMatchObject({ defLine: 6, headerEnd: 6, bodyStart: 6 });
    expect(commented).toMatchObject({ defLine: 8, headerEnd: 8, bodyStart: 10 });
  });
});
