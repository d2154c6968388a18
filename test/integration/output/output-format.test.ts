/**
 * The two output formats (README, "JSON output" and "What it says"): `--format json` is exactly one JSON
 * object with every field typed as documented; the text format reads like a
 * compiler diagnostic (header, numbered code frame with a caret, evidence,
 * a paste-ready help block, a summary naming the escape hatches).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, defPosition, lineOf, type GitRepo } from '../../helpers/git-repo.js';
import { runCheckJson, runCli, type JsonViolation } from '../../helpers/run-cli.js';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({
    files: {
      'svc/lost.py': dedent`
        def delete_user(session, user):
            """Delete a user.

            Transaction boundary: Single operation, automatically atomic.
            """
            session.delete(user)
      `,
    },
    commit: 'init',
  });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

const METHOD_SOURCE = dedent`
  class UserService:
      def rename(self, session, user, name):
          """Rename a user."""
          user.name = name
          session.add(user)
          return user
`;

/** One staged violation of each blocking rule, plus an unparseable file for `errors`. */
function stageEveryRule(): void {
  repo.stageFile('svc/methods.py', METHOD_SOURCE);
  repo.stageFile('svc/lost.py', 'def delete_user(session, user):\n    """Delete a user."""\n    session.delete(user)\n');
  repo.stageFile('svc/empty.py', 'def touch(session):\n    """Touch.\n\n    Transaction boundary:\n    """\n    return None\n');
  repo.stageFile('svc/broken.py', 'def broken(session:\n    return 1\n');
  repo.stageFile('svc/binary.py', Buffer.from('def f():\n    return 1\x00\n'));
}

function expectViolationShape(v: JsonViolation): void {
  expect(Object.keys(v)).toEqual(expect.arrayContaining(['code', 'severity', 'file', 'line', 'column', 'function', 'message', 'pattern', 'evidence', 'suggestion', 'fix']));
  expect(v.code).toMatch(/^TXB\d{3}$/);
  expect(['error', 'warning']).toContain(v.severity);
  expect(v.file).toEqual(expect.any(String));
  expect(v.file).not.toMatch(/^\/|\\|^\.\//);
  expect(Number.isInteger(v.line) && v.line >= 1).toBe(true);
  expect(Number.isInteger(v.column) && v.column >= 1).toBe(true);
  expect(v.message).toEqual(expect.any(String));
  expect(v.message.length).toBeGreaterThan(0);
  expect(Array.isArray(v.evidence)).toBe(true);
  for (const e of v.evidence) expect(e).toEqual(expect.any(String));
  if (v.code === 'TXB000') {
    expect(v.function).toBeNull();
    expect(v.pattern).toBeNull();
    expect(v.suggestion).toBeNull();
    expect(v.fix).toBeNull();
  } else {
    expect(v.function).toEqual(expect.any(String));
    expect(['A', 'B', 'C']).toContain(v.pattern);
    expect(v.suggestion).toMatch(/^Transaction boundary: \S/);
    expect(v.fix).toMatchObject({ applicability: 'safe', edits: [{ start: expect.any(Number), deleteCount: expect.any(Number), lines: expect.any(Array), guard: expect.any(Object) }] });
  }
}

describe('--format json', { timeout: 30_000 }, () => {
  it('prints exactly one JSON object with every documented field', () => {
    stageEveryRule();
    const { code, stdout, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    expect(stdout.trim().startsWith('{')).toBe(true);
    expect(stdout.trim().endsWith('}')).toBe(true);
    expect(Object.keys(json).sort()).toEqual(['errors', 'summary', 'violations']);

    expect(json.violations.map((v) => `${v.code} ${v.file}`).sort()).toEqual(['TXB000 svc/binary.py', 'TXB000 svc/broken.py', 'TXB001 svc/methods.py', 'TXB002 svc/lost.py', 'TXB003 svc/empty.py']);
    for (const v of json.violations) expectViolationShape(v);

    const method = json.violations.find((v) => v.code === 'TXB001') as JsonViolation;
    expect(method).toMatchObject({ function: 'UserService.rename', pattern: 'B', ...defPosition(METHOD_SOURCE, 'rename') });
    expect(method.evidence.join('\n')).toMatch(new RegExp(`session\\.add.*line ${lineOf(METHOD_SOURCE, 'session.add')}\\b`));
    // The one-line docstring becomes a multi-line one holding the section (wrapped at its indentation), as --fix writes it.
    const edit = method.fix?.applicability === 'safe' ? method.fix.edits[0] : undefined;
    expect(edit).toMatchObject({ start: 3, deleteCount: 1, guard: { start: 2, end: 3 } });
    expect(edit?.lines.slice(0, 3)).toEqual(['        """Rename a user.', '', '        Transaction boundary: Single operation, automatically atomic.']);
    expect(edit?.lines.at(-1)).toBe('        """');

    for (const key of ['filesChecked', 'functionsChecked', 'blocking'] as const) {
      expect(Number.isInteger(json.summary[key])).toBe(true);
    }
    expect(json.summary.blocking).toBe(5);
    expect(json.summary.filesChecked).toBeGreaterThanOrEqual(4);
    expect(json.summary.functionsChecked).toBeGreaterThanOrEqual(3);

    // NUL bytes are a SyntaxError for Python: on staged lines, TXB000.
    expect(json.errors).toEqual([]);
    expect(json.violations.find((v) => v.file === 'svc/binary.py')?.code).toBe('TXB000');
  });

  it('a clean run is still one object, with empty arrays and zero blocking', () => {
    const { code, json, stderr } = runCheckJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toEqual({
      violations: [],
      summary: { filesChecked: 0, functionsChecked: 0, blocking: 0 },
      errors: [],
    });
    expect(stderr).toBe('');
  });

  it('no colour codes in JSON even when colour is forced', () => {
    stageEveryRule();
    const { stdout } = runCheckJson(repo.dir, [], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
    expect(stdout).not.toMatch(/\u001b\[/);
  });
});

describe('text format', { timeout: 30_000 }, () => {
  it('renders header, code frame with caret, evidence, paste-ready help and the summary', () => {
    repo.stageFile('svc/methods.py', METHOD_SOURCE);
    const { code, stdout, stderr } = runCli(repo.dir, ['check']);
    expect(code).toBe(1);
    const output = stdout + stderr;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
    expect(output).not.toMatch(/\u001b\[/);
    const lines = output.split('\n');
    const { line, column } = defPosition(METHOD_SOURCE, 'rename');

    // Header: path:line:col CODE message
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^svc/methods\\.py:${line}:${column} TXB001 \\S`)));

    // Code frame: a numbered gutter line for the def, then a caret under the name.
    const defText = METHOD_SOURCE.split('\n')[line - 1] as string;
    const gutterIndex = lines.findIndex((l) => new RegExp(`^\\s*${line} \\| `).test(l) && l.endsWith(defText));
    expect(gutterIndex).toBeGreaterThan(-1);
    const gutter = lines[gutterIndex] as string;
    const codeStart = gutter.length - defText.length;
    const caretLine = lines[gutterIndex + 1] as string;
    expect(caretLine).toMatch(/^\s*\|\s*\^/);
    expect(caretLine.indexOf('^')).toBe(codeStart + column - 1);

    // Evidence names the call and its line.
    expect(output).toMatch(new RegExp(`evidence:.*session\\.add.*line ${lineOf(METHOD_SOURCE, 'session.add')}\\b`));

    // help: the suggestion, indented like the method's docstring body (8 spaces).
    const helpIndex = lines.findIndex((l) => /\bhelp:/.test(l));
    expect(helpIndex).toBeGreaterThan(gutterIndex);
    const { json } = runCheckJson(repo.dir);
    const suggestion = (json.violations[0] as JsonViolation).suggestion as string;
    // The first line is exactly the canonical one at the docstring body's
    // indentation; the guidance below it may be re-wrapped for the deeper
    // indentation, but says the same words and stays indented under it.
    const indent = '        ';
    const first = `${indent}${suggestion.split('\n')[0]}`;
    const start = lines.indexOf(first, helpIndex);
    expect(start).toBeGreaterThan(helpIndex);
    let end = start + 1;
    while (end < lines.length && (lines[end] as string).startsWith(`${indent} `)) end++;
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    expect(words(lines.slice(start, end).join('\n'))).toEqual(words(suggestion));
    const pasted = lines.slice(start, end);

    // Summary: how to bypass (run by hand, as from a plain git hook), and what CI needs to catch a bypass.
    const tail = lines.slice(start + pasted.length).join('\n');
    expect(tail).toContain('To bypass once: git commit --no-verify.');
    expect(tail).not.toContain('HUSKY=0');
    expect(tail).toContain('CI catches a bypassed commit only if it runs txboundary check --base <branch>');
  });

  it.each([
    ['the pre-commit framework', { PRE_COMMIT: '1' }, 'To bypass once: SKIP=txboundary git commit (git commit --no-verify skips every hook).'],
    ['husky', { PATH: `node_modules/.bin:${process.env.PATH}` }, 'To bypass once: git commit --no-verify (or HUSKY=0 git commit).'],
  ])('under %s, the bypass hint names its own way', (_, env, hint) => {
    repo.stageFile('svc/top.py', 'def purge(session):\n    session.query(Log).delete()\n');
    const { code, stdout } = runCli(repo.dir, ['check'], { env });
    expect(code).toBe(1);
    expect(stdout).toContain(hint);
  });

  it('a top-level function gets a 4-space indented help block', () => {
    repo.stageFile('svc/top.py', 'def purge(session):\n    session.query(Log).delete()\n    session.add(Audit("purge"))\n    session.commit()\n');
    const { stdout } = runCli(repo.dir, ['check']);
    expect(stdout.split('\n')).toContainEqual(expect.stringMatching(/^ {4}Transaction boundary: ALL operations in single session \(atomic\)\.$/));
  });

  it('each finding of several files gets its own header', () => {
    stageEveryRule();
    const { code, stdout } = runCli(repo.dir, ['check']);
    expect(code).toBe(1);
    for (const header of [/^svc\/broken\.py:\d+:\d+ TXB000 /m, /^svc\/methods\.py:2:9 TXB001 /m, /^svc\/lost\.py:1:5 TXB002 /m, /^svc\/empty\.py:1:5 TXB003 /m]) {
      expect(stdout).toMatch(header);
    }
    expect(stdout).toContain('svc/binary.py');
    expect(stdout).toContain('git commit --no-verify');
  });

  it('nothing to report: exit 0 and at most one short line', () => {
    for (const args of [['check'], ['check', '--quiet']]) {
      const { code, stdout, stderr } = runCli(repo.dir, args);
      expect(code).toBe(0);
      const out = (stdout + stderr).trim();
      expect(out.split('\n').length).toBeLessThanOrEqual(1);
      expect(out.length).toBeLessThanOrEqual(120);
    }
  });

  it('staged but documented: exit 0 and at most one short line; --quiet prints nothing', () => {
    repo.stageFile('svc/ok.py', 'def ok(session):\n    """Ok.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """\n    return session.get(A, 1)\n');
    const normal = runCli(repo.dir, ['check']);
    expect(normal.code).toBe(0);
    expect((normal.stdout + normal.stderr).trim().split('\n').length).toBeLessThanOrEqual(1);
    const quiet = runCli(repo.dir, ['check', '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout + quiet.stderr).toBe('');
  });

  it('FORCE_COLOR turns colour on; without a TTY there is none by default', () => {
    repo.stageFile('svc/methods.py', METHOD_SOURCE);
    const forced = runCli(repo.dir, ['check'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
    expect(forced.stdout).toMatch(/\u001b\[/);
    const plain = runCli(repo.dir, ['check'], { env: { NO_COLOR: undefined } });
    // Not a TTY: no colour by default.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('nothing to check: silent, unless --verbose', { timeout: 30_000 }, () => {
  let quiet: GitRepo;
  beforeAll(() => {
    quiet = createRepo({ files: { 'README.md': '# shop\n' }, commit: 'init' });
  });
  afterEach(() => quiet.reset());
  afterAll(() => quiet.cleanup());

  const check = (...args: string[]) => runCli(quiet.dir, ['check', ...args]);

  it('nothing staged: no output at all, exit 0; --verbose says so', () => {
    expect(check()).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(check('--verbose')).toEqual({ code: 0, stdout: 'txboundary: nothing to check: nothing is staged.\n', stderr: '' });
  });

  it('no staged Python file: no output; --verbose counts the staged files', () => {
    quiet.stageFile('README.md', '# shop\n\nmore\n');
    expect(check()).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(check('--verbose').stdout).toBe('txboundary: nothing to check: the staged file is not a *.py file.\n');
    quiet.stageFile('docs/notes.md', 'notes\n');
    expect(check('--verbose').stdout).toBe('txboundary: nothing to check: none of the 2 staged files is a *.py file.\n');
  });

  it('staged Python files all left out by the settings: no output; --verbose says why', () => {
    quiet.stageFile('tests/test_orders.py', 'def test_it(session):\n    session.add(1)\n');
    expect(check()).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(check('--verbose').stdout).toBe('txboundary: nothing to check: the include and exclude settings, or the paths given, leave out the staged Python file.\n');
  });

  it('a checked file still gets its one summary line', () => {
    quiet.stageFile('svc/ok.py', '_PRIVATE = 1\n');
    expect(check().stdout).toBe('✔ txboundary: 0 modified public functions in 1 staged Python file checked, all documented.\n');
  });
});
