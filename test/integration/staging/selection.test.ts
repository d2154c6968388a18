/**
 * Which functions are public and checked (docs/rules.md "Functions", "Public"):
 * methods and nested classes get qualified names, `_private` and dunders are
 * skipped, a literal `__all__` restricts top-level names, overload stubs and
 * property setters/deleters are skipped, and control-flow blocks at module
 * or class level are transparent. Each scenario stages a new file, where
 * every function counts as modified.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo } from '../../helpers/git-repo.js';
import { runCheckJson } from '../../helpers/run-cli.js';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# app\n' }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

/** Stages `source` as a new file and returns the flagged functions as `name@line:column`. */
function flagged(path: string, source: string): string[] {
  repo.stageFile(path, source);
  const { json, code } = runCheckJson(repo.dir);
  expect(json.errors).toEqual([]);
  expect(code).toBe(json.violations.length > 0 ? 1 : 0);
  for (const v of json.violations) expect(v.code).toBe('TXB001');
  return json.violations.map((v) => `${v.function}@${v.line}:${v.column}`);
}

/** `Klass.method@line:column` for the nth `def method` of `source`. */
function at(source: string, qualified: string, nth = 1): string {
  const name = qualified.split('.').at(-1) as string;
  const pattern = new RegExp(`\\bdef\\s+${name}\\s*[(\\[]`);
  const lines = source.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const match = pattern.exec(line);
    if (match && ++seen === nth) return `${qualified}@${i + 1}:${line.indexOf(name, match.index + 3) + 1}`;
  }
  throw new Error(`def ${name} #${nth} not found`);
}

describe('functions, methods and classes', { timeout: 30_000 }, () => {
  const SOURCE = dedent`
    import typing
    from typing import TYPE_CHECKING, overload


    def public_func(session):
        return session.get(A, 1)


    def _private_func(session):
        return session.get(A, 2)


    async def async_func(session):
        return await session.get(A, 3)


    class Service:
        def __init__(self, session):
            self.session = session

        def method(self):
            return self.session.get(A, 4)

        def _helper(self):
            return 1

        async def async_method(self):
            return 1

        @property
        def value(self):
            return self._value

        @value.setter
        def value(self, v):
            self._value = v

        @value.deleter
        def value(self):
            del self._value

        @staticmethod
        def static(session):
            return 1

        @classmethod
        def build(cls, session):
            return cls(session)

        class Inner:
            def deep(self):
                return 1

            class Deeper:
                def deepest(self):
                    return 1

        def __repr__(self):
            return "Service"


    class _PrivateService:
        def method(self):
            return 1

        class Inner:
            def deep(self):
                return 1


    class Outer:
        class _Hidden:
            def method(self):
                return 1


    @overload
    def convert(x: int) -> int: ...
    @overload
    def convert(x: str) -> str: ...
    def convert(x):
        return x


    @typing.overload
    def parse(x: int) -> int: ...
    def parse(x):
        return x


    def outer(session):
        def inner_public(s):
            return s.get(A, 1)

        class Local:
            def local_method(self):
                return 1

        return inner_public(session)
  `;

  it('flags exactly the public functions, with qualified names and name positions', () => {
    expect(flagged('app/service.py', SOURCE)).toEqual([
      at(SOURCE, 'public_func'),
      at(SOURCE, 'async_func'),
      at(SOURCE, 'Service.method'),
      at(SOURCE, 'Service.async_method'),
      at(SOURCE, 'Service.value'),
      at(SOURCE, 'Service.static'),
      at(SOURCE, 'Service.build'),
      at(SOURCE, 'Service.Inner.deep'),
      at(SOURCE, 'Service.Inner.Deeper.deepest'),
      at(SOURCE, 'convert', 3),
      at(SOURCE, 'parse', 2),
      at(SOURCE, 'outer'),
    ]);
  });

  it('async def: the column points at the name, after `async def`', () => {
    const source = 'async def fetch_all(session):\n    return await session.execute(q)\n';
    expect(flagged('app/aio.py', source)).toEqual(['fetch_all@1:11']);
  });
});

describe('control flow at module and class level is transparent', { timeout: 30_000 }, () => {
  it('functions inside if/else, try/except, with, for, while, match are checked', () => {
    const source = dedent`
      from typing import TYPE_CHECKING

      if TYPE_CHECKING:
          def in_if(session):
              return 1
      else:
          def in_else(session):
              return 2

      try:
          def in_try(session):
              return 1
      except ImportError:
          def in_except(session):
              return 2
      finally:
          def in_finally(session):
              return 3

      with context():
          def in_with(session):
              return 1

      for _ in range(1):
          def in_for(session):
              return 1

      while False:
          def in_while(session):
              return 1

      match MODE:
          case "x":
              def in_match(session):
                  return 1


      class WithConditional:
          if True:
              def cond_method(self):
                  return 1
          try:
              def try_method(self):
                  return 1
          except Exception:
              pass
    `;
    expect(flagged('app/flow.py', source)).toEqual(
      ['in_if', 'in_else', 'in_try', 'in_except', 'in_finally', 'in_with', 'in_for', 'in_while', 'in_match', 'WithConditional.cond_method', 'WithConditional.try_method'].map((name) =>
        at(source, name),
      ),
    );
  });
});

describe('__all__', { timeout: 30_000 }, () => {
  const BODY = dedent`


    def exported(session):
        return session.get(A, 1)


    def not_exported(session):
        return session.get(A, 2)


    class Exported:
        def method(self):
            return 1


    class Hidden:
        def method(self):
            return 1
  `;

  it('a list restricts top-level names; a class outside it hides its methods', () => {
    const source = `__all__ = ["exported", "Exported"]\n${BODY}`;
    expect(flagged('app/all_list.py', source)).toEqual([at(source, 'exported'), at(source, 'Exported.method')]);
  });

  it('a tuple works the same way', () => {
    const source = `__all__ = ('exported', 'Hidden')\n${BODY}`;
    expect(flagged('app/all_tuple.py', source)).toEqual([at(source, 'exported'), at(source, 'Hidden.method', 2)]);
  });

  it('the last assignment wins', () => {
    const source = `__all__ = ["exported"]\n__all__ = ["not_exported"]\n${BODY}`;
    expect(flagged('app/all_last.py', source)).toEqual([at(source, 'not_exported')]);
  });

  it('+= extends it', () => {
    const source = `__all__ = ["exported"]\n${BODY}\n\n__all__ += ["Hidden"]\n`;
    expect(flagged('app/all_extend.py', source)).toEqual([at(source, 'exported'), at(source, 'Hidden.method', 2)]);
  });

  it('.append("x") and .extend([...]) extend it, in a new file and in a change far from them', () => {
    const source = `__all__ = ["exported"]\n${BODY}\n\n__all__.append("not_exported")\n__all__.extend(["Hidden"])\n`;
    expect(flagged('app/all_methods.py', source)).toEqual([at(source, 'exported'), at(source, 'not_exported'), at(source, 'Hidden.method', 2)]);
    const padding = Array.from(
      { length: 40 },
      (_, i) => `\n\ndef filler_${i}(session):\n    """Filler.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """\n    return ${i}\n`,
    ).join('');
    const head = `__all__ = ["exported"]\n${BODY}\n${padding}\n\n__all__.append("not_exported")\n`;
    repo.commitFile('app/all_append.py', head);
    const staged = head.replace('return session.get(A, 2)', 'session.add(A(2))');
    repo.stageFile('app/all_append.py', staged);
    expect(runCheckJson(repo.dir, ['app/all_append.py']).json.violations.map((v) => `${v.code} ${v.function}`)).toEqual(['TXB001 not_exported']);
  });

  it('an annotated assignment counts', () => {
    const source = `__all__: list[str] = ["not_exported"]\n${BODY}`;
    expect(flagged('app/all_annotated.py', source)).toEqual([at(source, 'not_exported')]);
  });

  it('an empty __all__ makes every top-level name non-public', () => {
    expect(flagged('app/all_empty.py', `__all__ = []\n${BODY}`)).toEqual([]);
  });

  it('a non-literal __all__ is ignored: every public name is checked', () => {
    const source = `__all__ = [name for name in dir() if not name.startswith("_")]\n${BODY}`;
    expect(flagged('app/all_dynamic.py', source)).toEqual([at(source, 'exported'), at(source, 'not_exported'), at(source, 'Exported.method'), at(source, 'Hidden.method', 2)]);
  });

  it('__all__ inside a function or class does not count', () => {
    const source = `def configure():\n    __all__ = ["exported"]\n    return __all__\n${BODY}`;
    expect(flagged('app/all_local.py', source)).toEqual([at(source, 'configure'), at(source, 'exported'), at(source, 'not_exported'), at(source, 'Exported.method'), at(source, 'Hidden.method', 2)]);
  });
});
