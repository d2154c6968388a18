/**
 * Odd Python source that the other integration tests (content/source-text, output/errors, rules/) does
 * not already cover: NUL bytes and invalid UTF-8 on one side of a change,
 * empty and docstring-only files, a 200,000-line generated file, a
 * 100,000-character line, 300 levels of nesting, mixed tabs and spaces,
 * form feeds, old-Mac CR line endings, and syntax errors made by a deletion
 * or by an unterminated string. Every run also proves the check left the
 * repository untouched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, defPosition, type GitRepo } from '../../helpers/git-repo.js';
import { checkUntouched, verdict } from '../../helpers/edge.js';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# content\n' }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

const LEGACY = 'def handle(session, item):\n    session.add(item)\n\n\ndef untouched(session):\n    return 1\n';
const EDITED = LEGACY.replace('session.add(item)', 'session.merge(item)');

describe('bytes that are not UTF-8 text, on one side of a change', { timeout: 30_000 }, () => {
  // Python refuses such a file with a SyntaxError at the first NUL byte; on a
  // staged line that makes it TXB000, like any syntax error in the change.
  it('a text file that becomes binary (NUL bytes) on a staged line: TXB000, no crash, the other files still checked', () => {
    repo.commitFile('bin/turned.py', LEGACY);
    repo.stageFile('bin/turned.py', Buffer.concat([Buffer.from(EDITED), Buffer.from([0, 0, 0xff, 0x0a])]));
    repo.stageFile('bin/other.py', 'def save(session, x):\n    session.add(x)\n');
    const run = checkUntouched(repo);
    expect(run.json.errors).toEqual([]);
    const turned = run.json.violations.find((v) => v.file === 'bin/turned.py');
    expect(turned).toMatchObject({ code: 'TXB000', function: null, message: expect.stringMatching(/NUL/) });
    expect(verdict(run)).toContain('TXB001 save@bin/other.py:1');
    expect(run.code).toBe(1);
  });

  // Nothing in a file that cannot be decoded can be verified: wherever the byte is, the change blocks.
  it('NUL bytes only on an untouched line: TXB000, naming the reason and `exclude`', () => {
    repo.commitFile('bin/legacy_nul.py', Buffer.concat([Buffer.from('# \0 marker\n'), Buffer.from(LEGACY)]));
    repo.stageFile('bin/legacy_nul.py', Buffer.concat([Buffer.from('# \0 marker\n'), Buffer.from(EDITED)]));
    const run = checkUntouched(repo);
    expect(run.json.violations).toEqual([expect.objectContaining({ code: 'TXB000', line: 1, message: expect.stringMatching(/NUL.*exclude/) })]);
    expect(run.code).toBe(1);
  });

  it('a binary HEAD version (NUL bytes) made text again: the staged text is checked by its hunks', () => {
    repo.commitFile('bin/healed.py', Buffer.concat([Buffer.from(LEGACY), Buffer.from('# \0\n')]));
    repo.stageFile('bin/healed.py', EDITED);
    const run = checkUntouched(repo);
    expect(run.json.errors).toEqual([]);
    expect(verdict(run)).toEqual(['TXB001 handle@bin/healed.py:1']);
  });

  it('invalid UTF-8 only in the HEAD version: the staged version is checked by its hunks', () => {
    repo.commitFile('bin/was_latin1.py', Buffer.concat([Buffer.from(LEGACY), Buffer.from('# caf\xe9\n', 'latin1')]));
    repo.stageFile('bin/was_latin1.py', `${EDITED}# café\n`);
    const run = checkUntouched(repo);
    expect(run.json.errors).toEqual([]);
    expect(verdict(run)).toEqual(['TXB001 handle@bin/was_latin1.py:1']);
  });

  // Python reports a SyntaxError at the first byte it cannot decode: on a
  // staged line, the change cannot be verified, so it is TXB000 and blocks.
  it('invalid UTF-8 on a staged line: TXB000 at that line, never a crash', () => {
    repo.commitFile('bin/mixed.py', `${LEGACY}# plain\n`);
    repo.stageFile('bin/mixed.py', Buffer.concat([Buffer.from(EDITED), Buffer.from('# caf\xe9\n', 'latin1')]));
    const run = checkUntouched(repo);
    expect(run.json.errors).toEqual([]);
    expect(run.json.violations).toEqual([expect.objectContaining({ code: 'TXB000', file: 'bin/mixed.py', line: 7, message: expect.stringMatching(/UTF-8.*line 7/) })]);
    expect(run.code).toBe(1);
  });
});

describe('files without functions', { timeout: 30_000 }, () => {
  it('an empty new file, and a file emptied of all its functions: checked, nothing to report', () => {
    repo.commitFile('empty/emptied.py', LEGACY);
    repo.stageFile('empty/emptied.py', '');
    repo.stageFile('empty/__init__.py', '');
    repo.stageFile('empty/blank.py', '\n\n\n');
    const run = checkUntouched(repo);
    expect(run.json.violations).toEqual([]);
    expect(run.json.errors).toEqual([]);
    expect(run.json.summary).toEqual({ filesChecked: 3, functionsChecked: 0, blocking: 0 });
    expect(run.code).toBe(0);
  });

  it('a file that is only a docstring (even one quoting a def) has no function to check', () => {
    repo.stageFile('empty/doc_only.py', '"""Service helpers.\n\ndef fake(session):\n    session.add(x)\n"""\n');
    repo.stageFile('empty/doc_no_newline.py', "'''Only this.'''");
    const run = checkUntouched(repo);
    expect(run.json.violations).toEqual([]);
    expect(run.json.errors).toEqual([]);
    expect(run.json.summary.functionsChecked).toBe(0);
    expect(run.code).toBe(0);
  });
});

describe('size', { timeout: 90_000 }, () => {
  it('a 200,000-line generated file with one function modified in the middle: exactly that one is reported', () => {
    const lines: string[] = [];
    for (let n = 0; lines.length < 200_000; n++) {
      lines.push(`def generated_${n}(session):`);
      for (let i = 0; i < 37; i++) lines.push(`    v${i} = ${i}`);
      lines.push('    return v0', '');
    }
    const head = `${lines.slice(0, 200_000).join('\n')}\n`;
    repo.commitFile('gen/models_pb2.py', head);
    const staged = head.replace('def generated_2500(session):\n    v0 = 0\n', 'def generated_2500(session):\n    v0 = session.add(0)\n');
    expect(staged).not.toBe(head);
    repo.stageFile('gen/models_pb2.py', staged);
    const run = checkUntouched(repo);
    expect(verdict(run)).toEqual([`TXB001 generated_2500@gen/models_pb2.py:${2500 * 40 + 1}`]);
    expect(run.json.summary.functionsChecked).toBe(1);
    expect(run.code).toBe(1);
  });

  it('a 100,000-character line: in a modified body, and as a docstring line carrying the section', () => {
    const source = dedent`
      def load_table(session):
          data = [${'7, '.repeat(33_334)}]
          session.add(Table(data))


      def describe_table(session):
          """Transaction boundary: Read-only, no transaction needed. ${'x'.repeat(100_000)}"""
          return session.get(Table, 1)
    `;
    expect(source.split('\n').filter((line) => line.length > 100_000)).toHaveLength(2);
    repo.stageFile('wide/table.py', source);
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => `${v.code} ${v.function}@${v.line}:${v.column} ${v.pattern}`)).toEqual(['TXB001 load_table@1:5 B']);
    expect(run.json.errors).toEqual([]);
  });
});

describe('nesting', { timeout: 30_000 }, () => {
  const indent = (level: number) => '    '.repeat(level);

  // CPython itself refuses more than 100 indentation levels and 200 nested
  // brackets; the checker parses them and judges the outer function, which
  // still blocks the commit.
  it('300 nested defs, classes, ifs and brackets: the outer function (or the innermost method) is reported', () => {
    const defs = ['def outer(session):', ...Array.from({ length: 299 }, (_, i) => `${indent(i + 1)}def inner_${i + 1}(session):`), `${indent(300)}session.add(x)`, ''];
    const classes = [...Array.from({ length: 300 }, (_, i) => `${indent(i)}class C${i}:`), `${indent(300)}def method(self, session):`, `${indent(301)}session.add(x)`, ''];
    const ifs = ['def branchy(session):', ...Array.from({ length: 300 }, (_, i) => `${indent(i + 1)}if flag_${i}:`), `${indent(301)}session.add(x)`, ''];
    const brackets = `def deep(session):\n    return session.get(${'('.repeat(300)}1${')'.repeat(300)})\n`;
    repo.stageFile('nest/defs.py', defs.join('\n'));
    repo.stageFile('nest/classes.py', classes.join('\n'));
    repo.stageFile('nest/ifs.py', ifs.join('\n'));
    repo.stageFile('nest/brackets.py', brackets);
    const run = checkUntouched(repo);
    const qualified = `${Array.from({ length: 300 }, (_, i) => `C${i}`).join('.')}.method`;
    expect(verdict(run)).toEqual(['TXB001 branchy@nest/ifs.py:1', 'TXB001 deep@nest/brackets.py:1', 'TXB001 outer@nest/defs.py:1', `TXB001 ${qualified}@nest/classes.py:301`].sort());
    expect(run.json.errors).toEqual([]);
    expect(run.code).toBe(1);
  });

  it('1,500 levels, past what the parser recovers from: TXB000 blocks, no crash', () => {
    const defs = ['def outer(session):', ...Array.from({ length: 1499 }, (_, i) => `${' '.repeat(i + 1)}def inner_${i + 1}(session):`), `${' '.repeat(1500)}session.add(x)`, ''];
    repo.stageFile('nest/very_deep.py', defs.join('\n'));
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => `${v.code}@${v.line}`)).toEqual(['TXB000@1']);
    expect(run.code).toBe(1);
  });
});

describe('indentation and line endings', { timeout: 30_000 }, () => {
  it('tab + spaces used consistently (valid Python): methods found, columns count characters', () => {
    repo.stageFile('ws/mixed.py', 'class K:\n\tdef m(self, session):\n\t    session.add(x)\n\n\tdef n(self, session):\n\t    return session.get(A, 1)\n');
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => `${v.code} ${v.function}@${v.line}:${v.column} ${v.pattern}`)).toEqual(['TXB001 K.m@2:6 B', 'TXB001 K.n@5:6 A']);
  });

  it('inconsistent tabs and spaces (a TabError for CPython) still blocks the commit', () => {
    repo.stageFile('ws/taberror.py', 'class K:\n\tdef m(self, session):\n\t\tsession.add(x)\n        \treturn 2\n');
    const run = checkUntouched(repo);
    expect(run.json.violations.length).toBeGreaterThan(0);
    for (const v of run.json.violations) expect(v.code).toMatch(/^TXB00[01]$/);
    expect(run.code).toBe(1);
  });

  it('a form feed between functions does not hide the next one; only the touched function is reported', () => {
    const head = 'def a(session):\n    return 1\n\f\ndef b(session):\n    return session.get(B, 1)\n';
    repo.commitFile('ws/formfeed.py', head);
    repo.stageFile('ws/formfeed.py', head.replace('get(B, 1)', 'get(B, 2)'));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 b@ws/formfeed.py:4']);
  });

  // Git sees a CR-only file as one line, so any edit touches "line 1" and
  // every function of the file counts as modified: over-reporting, never
  // under-reporting. Pinned here so a change of behaviour is noticed.
  it('old-Mac CR-only line endings: an edit still blocks and names the edited function', () => {
    const head = 'def a(session):\r    return session.get(A, 1)\r\r\rdef b(session):\r    return session.get(B, 1)\r';
    repo.commitFile('ws/classic_mac.py', head);
    repo.stageFile('ws/classic_mac.py', head.replace('get(B, 1)', 'session.add(B)'));
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => v.function)).toContain('b');
    expect(run.code).toBe(1);
  });
});

describe('syntax errors the staged hunks create without containing them', { timeout: 30_000 }, () => {
  const BASE = dedent`
    def first(session):
        """First.

        Transaction boundary: Read-only, no transaction needed.
        """
        return session.get(
            A,
            1,
        )


    def second(session):
        """Second.

        Transaction boundary: Read-only, no transaction needed.
        """
        return session.get(B, 2)
  `;

  it('deleting a closing bracket (a pure deletion) is TXB000, not a silent pass', () => {
    repo.commitFile('syntax/deleted.py', BASE);
    repo.stageFile('syntax/deleted.py', BASE.replace('        1,\n    )\n', '        1,\n'));
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => v.code)).toEqual(['TXB000']);
    expect(run.code).toBe(1);
  });

  it('an unterminated triple-quoted string that swallows the rest of the file is TXB000', () => {
    repo.commitFile('syntax/unterminated.py', BASE);
    repo.stageFile('syntax/unterminated.py', BASE.replace('return session.get(B, 2)', 'return session.get(B, """2)'));
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => v.code)).toEqual(['TXB000']);
    expect(run.code).toBe(1);
  });

  it('a syntax error only in the HEAD version: the staged fix is checked, and a lost section is still TXB002', () => {
    const broken = `${BASE}\n\ndef third(session:\n    return 3\n`;
    repo.commitFile('syntax/healed.py', broken);
    const staged = `${BASE.replace('    Transaction boundary: Read-only, no transaction needed.\n    """\n    return session.get(B, 2)', '    """\n    return session.get(B, 2)')}\n\ndef third(session):\n    return 3\n`;
    repo.stageFile('syntax/healed.py', staged);
    const run = checkUntouched(repo);
    expect(run.json.errors).toEqual([]);
    expect(verdict(run)).toEqual([`TXB001 third@syntax/healed.py:${defPosition(staged, 'third').line}`, `TXB002 second@syntax/healed.py:${defPosition(staged, 'second').line}`]);
  });
});
