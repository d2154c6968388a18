/**
 * Which functions count as modified (docs/rules.md "Span", "Modified"): the span
 * runs from the first decorator to the last body line, a nested helper is
 * part of its parent, and a pure deletion counts only when it sits inside
 * the span (right after line c with s <= c < e).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, defPosition, lineOf, type GitRepo } from '../../helpers/git-repo.js';
import { brief, type JsonReport, runCheckJson } from '../../helpers/run-cli.js';

const BASE = dedent`
  import os

  CONSTANT = 1


  @decorator
  @other(arg=1)
  def decorated(session):
      return session.get(A, 1)


  def with_helper(session):
      def _impl(sess):
          return sess.get(A, 2)

      return _impl(session)


  def first(session):
      print("one")
      print("two")
      return 3
  TRAILER = 2


  class Repo:
      def method(self, session):
          # look up the row
          return session.get(A, 3)


  def last(session):
      print("a")
      print("b")
`;

const PATH = 'svc/module.py';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { [PATH]: BASE }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

/** Stages `BASE` transformed by `edit` and returns the flagged functions. */
function flaggedAfter(edit: (source: string) => string): { names: string[]; staged: string; json: JsonReport } {
  const staged = edit(BASE);
  expect(staged).not.toBe(BASE);
  repo.stageFile(PATH, staged);
  const { json } = runCheckJson(repo.dir);
  expect(json.errors).toEqual([]);
  expect(json.summary.filesChecked).toBe(1);
  return { names: json.violations.map((v) => `${v.code} ${v.function}`), staged, json };
}

describe('changes outside functions', { timeout: 30_000 }, () => {
  const CASES: Array<[string, (source: string) => string]> = [
    ['an import line', (s) => s.replace('import os', 'import os, sys')],
    ['a module constant', (s) => s.replace('CONSTANT = 1', 'CONSTANT = 2')],
    ['a comment between functions', (s) => s.replace('\n\ndef with_helper', '\n# helpers\ndef with_helper')],
    ['the line right after a function', (s) => s.replace('TRAILER = 2', 'TRAILER = 3')],
    ['code appended at the end of the file', (s) => `${s}\n\nif __name__ == "__main__":\n    last(None)\n`],
    ['lines removed right after a function (its last line stays)', (s) => s.replace('    return 3\nTRAILER = 2\n', '    return 3\n')],
    ['a blank line removed between two functions', (s) => s.replace('\n\n\ndef with_helper', '\n\ndef with_helper')],
    ['a whole function deleted', (s) => s.replace(/\n\ndef with_helper[\s\S]*?return _impl\(session\)\n/, '\n')],
    ['a blank line added before a def', (s) => s.replace('\n\ndef last', '\n\n\ndef last')],
  ];
  const pathOf = (i: number) => `outside/case_${i}.py`;

  it('no function is modified by any of them', () => {
    // One copy of BASE per case, committed together, then each edited: one check for all.
    for (const i of CASES.keys()) repo.write(pathOf(i), BASE);
    repo.commitAll('outside cases');
    CASES.forEach(([name, edit], i) => {
      const staged = edit(BASE);
      expect(staged, name).not.toBe(BASE);
      repo.stageFile(pathOf(i), staged);
    });
    const { code, json } = runCheckJson(repo.dir);
    const nameOf = (file: string) => CASES[Number(/case_(\d+)/.exec(file)?.[1])]?.[0];
    expect(json.violations.map((v) => `${nameOf(v.file)} → ${v.code} ${v.function}`)).toEqual([]);
    expect(json.errors).toEqual([]);
    expect(json.summary.filesChecked).toBe(CASES.length);
    expect(code).toBe(0);
  });
});

describe('changes inside a function span', { timeout: 30_000 }, () => {
  it('a changed decorator line counts; the position is still the name on the def line', () => {
    const { staged, json } = flaggedAfter((s) => s.replace('@other(arg=1)', '@other(arg=2)'));
    expect(json.violations).toHaveLength(1);
    expect(json.violations[0]).toMatchObject({ code: 'TXB001', function: 'decorated', ...defPosition(staged, 'decorated') });
  });

  it('a decorator added above the first one counts', () => {
    expect(flaggedAfter((s) => s.replace('@decorator\n', '@cached\n@decorator\n')).names).toEqual(['TXB001 decorated']);
  });

  it('a change in a nested helper counts for its public parent', () => {
    expect(flaggedAfter((s) => s.replace('return sess.get(A, 2)', 'return sess.get(A, 22)')).names).toEqual(['TXB001 with_helper']);
  });

  it('removing the line right after `def` counts', () => {
    expect(flaggedAfter((s) => s.replace('    print("one")\n', '')).names).toEqual(['TXB001 first']);
  });

  it('removing a line in the middle of the body counts', () => {
    expect(flaggedAfter((s) => s.replace('    print("two")\n', '')).names).toEqual(['TXB001 first']);
  });

  it('a changed comment inside the body counts (the method is reported with its class)', () => {
    expect(flaggedAfter((s) => s.replace('# look up the row', '# look up the row by id')).names).toEqual(['TXB001 Repo.method']);
  });

  it('a changed def line (signature) counts', () => {
    expect(flaggedAfter((s) => s.replace('def last(session):', 'def last(session, flag=False):')).names).toEqual(['TXB001 last']);
  });

  it('a line appended to the last function of the file counts', () => {
    expect(flaggedAfter((s) => `${s}    print("c")\n`).names).toEqual(['TXB001 last']);
  });

  it('several hunks flag exactly the touched functions, in source order', () => {
    const { names, staged, json } = flaggedAfter((s) => s.replace('print("one")', 'print("uno")').replace('print("b")', 'print("bee")').replace('CONSTANT = 1', 'CONSTANT = 3'));
    expect(names).toEqual(['TXB001 first', 'TXB001 last']);
    expect(brief(json)).toEqual([`TXB001 first@${PATH}:${defPosition(staged, 'first').line}`, `TXB001 last@${PATH}:${defPosition(staged, 'last').line}`]);
  });

  it('lines inserted above shift the reported line to the staged position', () => {
    const { staged, json } = flaggedAfter((s) => `"""Module docs."""\n\n${s.replace('print("a")', 'print("A")')}`);
    expect(json.violations.map((v) => v.line)).toEqual([defPosition(staged, 'last').line]);
  });
});

describe('class bodies, overloads, properties, multi-line headers', { timeout: 30_000 }, () => {
  const CLASS_SOURCE = dedent`
    from typing import overload


    @dataclass
    class Svc:
        retries = 3

        @property
        def value(self):
            return self._v

        @value.setter
        def value(self, v):
            self._v = v

        @overload
        def get(self, x: int) -> int: ...
        @overload
        def get(self, x: str) -> str: ...
        def get(self, x):
            return x

        @retry(
            times=3,
        )
        def run(
            self,
            session,
        ):
            return session.get(A, 1)

        @cached_property
        def total(self):
            return 1
  `;
  const CLASS_PATH = 'svc/klass.py';
  beforeAll(() => {
    repo.commitFile(CLASS_PATH, CLASS_SOURCE);
  });

  function flaggedIn(edit: (source: string) => string): string[] {
    const staged = edit(CLASS_SOURCE);
    expect(staged).not.toBe(CLASS_SOURCE);
    repo.stageFile(CLASS_PATH, staged);
    const { json } = runCheckJson(repo.dir);
    expect(json.errors).toEqual([]);
    return json.violations.map((v) => `${v.code} ${v.function}@${v.line}:${v.column}`);
  }

  it('a class attribute, the class decorator, only a setter, only an overload stub → nothing', () => {
    const staged = CLASS_SOURCE.replace('retries = 3', 'retries = 4')
      .replace('@dataclass', '@dataclass(frozen=True)')
      .replace('self._v = v', 'self._v = int(v)')
      .replace('-> str: ...', '-> bytes: ...');
    expect(flaggedIn(() => staged)).toEqual([]);
  });

  it('an argument line of a multi-line decorator counts', () => {
    const line = defPosition(CLASS_SOURCE, 'run').line;
    expect(flaggedIn((s) => s.replace('times=3', 'times=4'))).toEqual([`TXB001 Svc.run@${line}:9`]);
  });

  it('a parameter line of a multi-line signature counts; the position stays on the def line', () => {
    const line = defPosition(CLASS_SOURCE, 'run').line;
    expect(flaggedIn((s) => s.replace('        session,\n', '        session=None,\n'))).toEqual([`TXB001 Svc.run@${line}:9`]);
  });

  it('the overload implementation and a cached_property are checked', () => {
    expect(flaggedIn((s) => s.replace('return x', 'return x or None').replace('return 1', 'return 2'))).toEqual([
      `TXB001 Svc.get@${lineOf(CLASS_SOURCE, 'def get(self, x):')}:9`,
      `TXB001 Svc.total@${defPosition(CLASS_SOURCE, 'total').line}:9`,
    ]);
  });
});
