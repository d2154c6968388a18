/**
 * Real-world source text: CRLF line endings, a UTF-8 BOM, tab indentation,
 * no final newline, non-ASCII docstrings, every string-literal flavour a
 * docstring can take. Lines and columns must stay right and the section
 * must be recognised in all of them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type GitRepo } from '../../helpers/git-repo.js';
import { brief, runCheckJson } from '../../helpers/run-cli.js';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# x\n' }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

describe('line endings and encodings', { timeout: 30_000 }, () => {
  const HEAD = [
    'def get_a(session):',
    '    """Get A.',
    '',
    '    Transaction boundary: Read-only, no transaction needed.',
    '    """',
    '    return session.get(A, 1)',
    '',
    '',
    'def set_a(session, a):',
    '    session.add(a)',
    '',
  ].join('\n');

  it('CRLF: modified lines, positions and the section are all recognised', () => {
    repo.commitFile('crlf/a.py', crlf(HEAD));
    repo.stageFile('crlf/a.py', crlf(HEAD.replace('session.add(a)', 'session.merge(a)').replace('get(A, 1)', 'get(A, 2)')));
    const { json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual(['TXB001 set_a@crlf/a.py:9']);
    expect(json.violations[0]?.column).toBe(5);
  });

  it('CRLF: an empty header is TXB003, not "present" because of a stray \\r', () => {
    repo.stageFile('crlf/b.py', crlf('def touch(session):\n    """Touch.\n\n    Transaction boundary:\n\n    Args:\n        session: s.\n    """\n    return None\n'));
    expect(brief(runCheckJson(repo.dir).json)).toEqual(['TXB003 touch@crlf/b.py:1']);
  });

  it('CRLF: losing the section is TXB002', () => {
    repo.commitFile('crlf/c.py', crlf(HEAD));
    repo.stageFile('crlf/c.py', crlf(HEAD.replace('    Transaction boundary: Read-only, no transaction needed.\n', '')));
    expect(brief(runCheckJson(repo.dir).json)).toEqual(['TXB002 get_a@crlf/c.py:1']);
  });

  it('a UTF-8 BOM does not shift lines or hide the first function', () => {
    repo.stageFile('enc/bom.py', `\ufeffdef first(session):\n    session.add(x)\n\n\ndef second(session):\n    session.add(y)\n`);
    const { json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.function}@${v.line}`)).toEqual(['first@1', 'second@5']);
    expect(json.violations[1]?.column).toBe(5);
  });

  it('no newline at the end of the file', () => {
    repo.commitFile('enc/nonl.py', 'def last(session):\n    return 1');
    repo.stageFile('enc/nonl.py', 'def last(session):\n    return 2');
    expect(brief(runCheckJson(repo.dir).json)).toEqual(['TXB001 last@enc/nonl.py:1']);
  });

  it('tab indentation: the column counts the tab as one character', () => {
    repo.stageFile('enc/tabs.py', 'class K:\n\tdef m(self, session):\n\t\tsession.add(x)\n');
    const { json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.function}@${v.line}:${v.column}`)).toEqual(['K.m@2:6']);
  });

  it('non-ASCII (accents, CJK, emoji) before and inside docstrings keeps positions right', () => {
    const source = [
      '"""Módulo de facturación — 請求書 🧾."""',
      '',
      '',
      'def größe(session):',
      '    """Größe berechnen 📏.',
      '',
      '    Transaction boundary: Read-only, no transaction needed. 読み取り専用。',
      '    """',
      '    return session.get(A, "ß")',
      '',
      '',
      'class Überweisung:',
      '    def ausführen(self, session, betrag="💶"):',
      '        """Führt aus — 実行."""',
      '        session.add(Buchung(betrag))',
      '',
    ].join('\n');
    repo.stageFile('enc/unicode.py', source);
    const { json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.code} ${v.function}@${v.line}:${v.column}`)).toEqual(['TXB001 Überweisung.ausführen@13:9']);
    expect(json.violations[0]?.evidence.join('\n')).toMatch(/session\.add.*line 15\b/);
  });
});

describe('docstring literal flavours', { timeout: 30_000 }, () => {
  const FLAVOURS: Array<[string, string]> = [
    ['triple single quotes', "'''Doc.\n\n    Transaction boundary: Read-only, no transaction needed.\n    '''"],
    ['single-line single quotes', "'Transaction boundary: Read-only, no transaction needed.'"],
    ['raw string', 'r"""Doc \\d.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """'],
    ['u prefix', 'u"""Doc.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """'],
    ['upper-case R prefix', 'R"""Doc.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """'],
    ['parenthesised concatenation', '(\n        "Doc.\\n\\n"\n        "Transaction boundary: Read-only, no transaction needed."\n    )'],
    ['escaped newline before the header', '"Doc.\\nTransaction boundary: Read-only, no transaction needed."'],
  ];

  it('the section is found in every string-literal flavour', () => {
    const source = FLAVOURS.map(([, literal], i) => `def get_${i}(session):\n    ${literal}\n    return session.get(A, ${i})\n`).join('\n\n');
    repo.stageFile('lit/doc.py', source);
    const { json, code } = runCheckJson(repo.dir);
    const nameOf = (fn: string | null) => FLAVOURS[Number(/get_(\d+)/.exec(fn ?? '')?.[1])]?.[0];
    expect(json.violations.map((v) => `${nameOf(v.function)}: ${v.code}`)).toEqual([]);
    expect(json.errors).toEqual([]);
    expect(json.summary.functionsChecked).toBe(FLAVOURS.length);
    expect(code).toBe(0);
  });

  it('a docstring on the def line itself (one-liner function) counts', () => {
    repo.stageFile(
      'lit/oneliner.py',
      'def get_a(session): """Transaction boundary: Read-only, no transaction needed."""; return session.get(A, 1)\n\n\ndef get_b(session): return session.get(B, 1)\n',
    );
    expect(brief(runCheckJson(repo.dir).json)).toEqual(['TXB001 get_b@lit/oneliner.py:4']);
  });

  it('a header with a different case or extra inner spaces: case-insensitive only', () => {
    repo.stageFile(
      'lit/case.py',
      [
        'def a(session):',
        '    """TRANSACTION BOUNDARY: Read-only, no transaction needed."""',
        '    return 1',
        '',
        '',
        'def b(session):',
        '    """Transaction-boundary: Read-only, no transaction needed."""',
        '    return 2',
        '',
      ].join('\n'),
    );
    expect(runCheckJson(repo.dir).json.violations.map((v) => `${v.code} ${v.function}`)).toEqual(['TXB001 b']);
  });
});
