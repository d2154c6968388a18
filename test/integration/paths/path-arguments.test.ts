/**
 * Positional paths restrict which staged files are checked; `file` in
 * JSON is always repo-relative with `/`, whatever the cwd, while the text
 * output names files relative to the cwd, as a terminal opens them;
 * default excludes skip test files; odd file names survive git's quoting.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo } from '../../helpers/git-repo.js';
import { runCheckJson, runCli } from '../../helpers/run-cli.js';

const UNDOCUMENTED = 'def handle(session, item):\n    session.add(item)\n';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# app\n' }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

const files = (report: { violations: { file: string }[] }) => [...new Set(report.violations.map((v) => v.file))].sort();

describe('path arguments', { timeout: 30_000 }, () => {
  function stageTwo(): void {
    repo.stageFile('app/orders.py', UNDOCUMENTED);
    repo.stageFile('app/billing/invoices.py', UNDOCUMENTED);
    repo.write('app/unstaged.py', UNDOCUMENTED);
  }

  it('without paths every staged file is checked', () => {
    stageTwo();
    const { json, code } = runCheckJson(repo.dir);
    expect(files(json)).toEqual(['app/billing/invoices.py', 'app/orders.py']);
    expect(json.summary.filesChecked).toBe(2);
    expect(code).toBe(1);
  });

  it('a relative path restricts the check to that file', () => {
    stageTwo();
    const { json, code } = runCheckJson(repo.dir, ['app/orders.py']);
    expect(files(json)).toEqual(['app/orders.py']);
    expect(json.summary.filesChecked).toBe(1);
    expect(code).toBe(1);
  });

  it('an absolute path works too (lint-staged passes absolute paths)', () => {
    stageTwo();
    const { json } = runCheckJson(repo.dir, [repo.path('app/billing/invoices.py')]);
    expect(files(json)).toEqual(['app/billing/invoices.py']);
  });

  it('several paths, including a clean one', () => {
    stageTwo();
    repo.stageFile('app/clean.py', 'X = 1\n');
    const { json } = runCheckJson(repo.dir, ['app/clean.py', repo.path('app/orders.py')]);
    expect(files(json)).toEqual(['app/orders.py']);
    expect(json.summary.filesChecked).toBe(2);
  });

  it('a path that is not staged checks nothing and exits 0', () => {
    stageTwo();
    const { json, code } = runCheckJson(repo.dir, ['app/unstaged.py']);
    expect(json.violations).toEqual([]);
    expect(json.summary.filesChecked).toBe(0);
    expect(code).toBe(0);
  });

  it('a path that names nothing is a usage error (exit 2), never a silent pass', () => {
    stageTwo();
    const { code, stderr } = runCli(repo.dir, ['check', 'app/missing.py'], { env: repo.env });
    expect(code).toBe(2);
    expect(stderr).toContain('app/missing.py: no such file in the index or the working tree');
  });

  it('from a subdirectory, without paths: the whole staged change, repo-relative file names', () => {
    stageTwo();
    const { json, code } = runCheckJson(repo.path('app/billing'));
    expect(files(json)).toEqual(['app/billing/invoices.py', 'app/orders.py']);
    expect(code).toBe(1);
  });

  it('from a subdirectory, the text output names files relative to the cwd', () => {
    stageTwo();
    const { stdout, code } = runCli(repo.path('app/billing'), ['check']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^invoices\.py:1:5 TXB001 /m);
    expect(stdout).toMatch(/^\.\.\/orders\.py:1:5 TXB001 /m);
    expect(runCli(repo.dir, ['check']).stdout).toMatch(/^app\/orders\.py:1:5 TXB001 /m);
  });

  it('from a subdirectory, relative paths are relative to the cwd', () => {
    stageTwo();
    const inBilling = runCheckJson(repo.path('app/billing'), ['invoices.py']);
    expect(files(inBilling.json)).toEqual(['app/billing/invoices.py']);
    const upwards = runCheckJson(repo.path('app/billing'), ['../orders.py']);
    expect(files(upwards.json)).toEqual(['app/orders.py']);
  });

  // Regression: git runs from the top level, so repo-relative pathspecs hold in any cwd.
  it('from a subdirectory, a modified (not added) file is still checked', () => {
    repo.commitFile('app/legacy.py', UNDOCUMENTED);
    repo.stageFile('app/legacy.py', UNDOCUMENTED.replace('session.add(item)', 'session.merge(item)'));
    const top = runCheckJson(repo.dir);
    expect(files(top.json)).toEqual(['app/legacy.py']);
    repo.write('app/billing/.keep', '');
    for (const cwd of [repo.path('app'), repo.path('app/billing')]) {
      const sub = runCheckJson(cwd);
      expect(sub.json.violations).toEqual(top.json.violations);
      expect(sub.code).toBe(1);
    }
  });

  it('a renamed file given by its new path is compared with its old path', () => {
    const documented = dedent`
      def add_line(session, invoice, line):
          """Add a line.

          Transaction boundary: Single operation, automatically atomic.
              With a session the caller controls commit/rollback; without one the
              function opens its own session_scope() that commits on success.
          """
          invoice.lines.append(line)
          session.add(invoice)


      def total(invoice):
          """Total.

          Transaction boundary: Pure computation (no database access).
          """
          return sum(line.amount for line in invoice.lines)
    `;
    repo.commitFile('app/lines.py', documented);
    repo.git('mv', 'app/lines.py', 'app/invoice_lines.py');
    repo.stageFile('app/invoice_lines.py', documented.replace('    Transaction boundary: Pure computation (no database access).\n', ''));
    const { json, code } = runCheckJson(repo.dir, ['app/invoice_lines.py']);
    expect(json.violations.map((v) => `${v.code} ${v.file} ${v.function}`)).toEqual(['TXB002 app/invoice_lines.py total']);
    expect(code).toBe(1);
  });
});

describe('default excludes (test files)', { timeout: 30_000 }, () => {
  it('test files are skipped; look-alikes are checked', () => {
    const excluded = ['test_orders.py', 'app/test_orders.py', 'app/orders_test.py', 'tests/helpers.py', 'app/tests/deep/factory.py', 'conftest.py', 'app/conftest.py'];
    const checked = ['app/testing.py', 'app/contest.py', 'app/latest_orders.py', 'app/test/orders.py'];
    for (const path of [...excluded, ...checked]) repo.stageFile(path, UNDOCUMENTED);
    const { json } = runCheckJson(repo.dir);
    expect(files(json)).toEqual([...checked].sort());
    expect(json.summary.filesChecked).toBe(checked.length);
  });

  it('an excluded file passed explicitly (as lint-staged does) is still skipped', () => {
    repo.stageFile('tests/test_api.py', UNDOCUMENTED);
    const { json, code } = runCheckJson(repo.dir, [repo.path('tests/test_api.py')]);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('odd file names', { timeout: 30_000 }, () => {
  const ODD = [
    'app/with space.py',
    'app/ünïcödé.py',
    'app/日本語/サービス.py',
    'app/quote"d.py',
    "app/apos'trophe.py",
    'app/back\\slash.py',
    'app/tab\there.py',
    'app/new\nline.py',
    'app/x b/y.py',
    'app/-leading-dash.py',
    'app/[brackets]*.py',
  ];

  it('are reported under their exact names, also when passed as paths', () => {
    for (const path of ODD) repo.stageFile(path, UNDOCUMENTED);
    const all = runCheckJson(repo.dir);
    expect(files(all.json)).toEqual([...ODD].sort());
    expect(all.code).toBe(1);
    const picked = ['app/quote"d.py', 'app/new\nline.py', 'app/[brackets]*.py'];
    const restricted = runCheckJson(
      repo.dir,
      picked.map((path) => repo.path(path)),
    );
    expect(files(restricted.json)).toEqual([...picked].sort());
  });

  it('modified (not added) files with odd names keep their hunks', () => {
    for (const path of ODD) repo.commitFile(path, `${UNDOCUMENTED}\n\ndef untouched(session):\n    return 1\n`);
    for (const path of ODD) repo.stageFile(path, `${UNDOCUMENTED.replace('add', 'merge')}\n\ndef untouched(session):\n    return 1\n`);
    const { json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.file} ${v.function}`).sort()).toEqual(ODD.map((path) => `${path} handle`).sort());
  });

  it('a renamed file with a non-ASCII name keeps its rename source', () => {
    const documented =
      'def ping(session):\n    """Ping.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """\n    return session.execute(select(1))\n\n\ndef pong(session):\n    """Pong.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """\n    return session.execute(select(2))\n';
    repo.commitFile('app/älter.py', documented);
    repo.git('mv', 'app/älter.py', 'app/neuer Name.py');
    repo.stageFile(
      'app/neuer Name.py',
      documented.replace('Transaction boundary: Read-only, no transaction needed.\n    """\n    return session.execute(select(2))', '"""\n    return session.execute(select(2))'),
    );
    const { json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.code} ${v.file} ${v.function}`)).toEqual(['TXB002 app/neuer Name.py pong']);
  });
});

describe('linked worktree', { timeout: 30_000 }, () => {
  it('checks the staged change of a `git worktree add` checkout', () => {
    const wt = `${repo.dir}-wt`;
    repo.git('worktree', 'add', '-q', '-b', 'feature', wt);
    try {
      writeFileSync(`${wt}/feature.py`, UNDOCUMENTED);
      repo.run(['-C', wt, 'add', 'feature.py']);
      const { json, code } = runCheckJson(wt);
      expect(files(json)).toEqual(['feature.py']);
      expect(code).toBe(1);
      // The main checkout is not affected by the worktree's index.
      expect(runCheckJson(repo.dir).json.violations).toEqual([]);
    } finally {
      repo.git('worktree', 'remove', '--force', wt);
      repo.git('branch', '-q', '-D', 'feature');
    }
  });
});
