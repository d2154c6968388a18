/**
 * Failing closed with a clear message (docs/rules.md: exit 2 for usage or internal
 * errors): outside a repository, bad arguments, no git on PATH; and files
 * that cannot be analysed go to `errors` without crashing the run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, createTempDir, type GitRepo } from '../../helpers/git-repo.js';
import { runCheckJson, runCli } from '../../helpers/run-cli.js';

/** No stack trace, no Node internals: one message line (plus an optional hint). */
function expectCleanFailure(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/node:internal|Error: /);
  const lines = result.stderr.trim().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(lines.length).toBeLessThanOrEqual(2);
}

describe('outside a git repository', { timeout: 30_000 }, () => {
  const temp = createTempDir();
  afterAll(() => temp.cleanup());

  it('exits 2 with one clear line on stderr (text)', () => {
    expectCleanFailure(runCli(temp.dir, ['check']), /git repository/i);
  });

  it('exits 2 with one clear line on stderr, and nothing on stdout (json)', () => {
    expectCleanFailure(runCli(temp.dir, ['check', '--format', 'json']), /git repository/i);
  });

  it('exits 2 in a bare repository (no work tree, no staged files to read)', () => {
    const bare = join(temp.dir, 'bare.git');
    mkdirSync(bare);
    const repo = createRepo();
    try {
      repo.run(['init', '-q', '--bare', bare]);
      expectCleanFailure(runCli(bare, ['check']), /bare|work ?tree/i);
    } finally {
      repo.cleanup();
    }
  });
});

describe('usage errors', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo();
  });
  afterAll(() => repo.cleanup());

  it.each([
    [[], /command/i],
    [['bogus'], /bogus/],
    [['check', '--bogus'], /--bogus/],
    [['check', '--format', 'xml'], /xml/],
    [['check', '--format'], /format/],
    [['check', '--quiet', '--verbose'], /--quiet and --verbose/],
  ])('txboundary %j → exit 2', (args, pattern) => {
    expectCleanFailure(runCli(repo.dir, args), pattern);
  });

  it.each([
    [['check', '--fromat', 'json'], 'unknown option --fromat for txboundary check (did you mean --format?)', 'run txboundary check --help for its options'],
    [['check', '--verbos'], 'unknown option --verbos for txboundary check (did you mean --verbose?)', 'run txboundary check --help for its options'],
    [['init', '--dryrun'], 'unknown option --dryrun for txboundary init (did you mean --dry-run?)', 'run txboundary init --help for its options'],
    [['chek'], 'unknown command "chek" (did you mean check?)', 'run `txboundary check`, or `txboundary --help`'],
    [['--verison'], 'unknown command "--verison" (did you mean --version?)', 'run `txboundary check`, or `txboundary --help`'],
    [['check', '--format', 'jsn'], 'unknown format "jsn" (did you mean json?)', 'use one of: text, json, sarif, github'],
  ])('txboundary %j guesses what was meant', (args, message, hint) => {
    const result = runCli(repo.dir, args);
    expectCleanFailure(result, /did you mean/);
    expect(result.stderr).toBe(`txboundary: ${message}\n  hint: ${hint}\n`);
  });

  it('an option too far from any known one gets no guess', () => {
    const result = runCli(repo.dir, ['check', '--bogus']);
    expect(result.stderr).toBe('txboundary: unknown option --bogus for txboundary check\n  hint: run txboundary check --help for its options\n');
  });

  it('--help exits 0 and documents check', () => {
    const { code, stdout } = runCli(repo.dir, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/txboundary check/);
  });

  it('--version prints the package version', () => {
    const { code, stdout } = runCli(repo.dir, ['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('git missing from PATH: exit 2 with a clear line, even with a Python file staged', () => {
    repo.write('svc.py', 'def f(session):\n    session.add(x)\n');
    repo.git('add', 'svc.py');
    const emptyBin = join(repo.home, 'empty-bin');
    mkdirSync(emptyBin, { recursive: true });
    expectCleanFailure(runCli(repo.dir, ['check'], { env: { PATH: emptyBin } }), /git/);
    repo.git('rm', '-q', '--cached', 'svc.py');
  });
});

describe('files that cannot be analysed', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({ files: { 'README.md': '# x\n' }, commit: 'init' });
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.cleanup());

  // Python rejects both with a SyntaxError at the offending byte; in a new
  // file every line is staged, so the change cannot be verified: TXB000.
  it('a NUL byte in a new .py file: TXB000, the other files are still checked', () => {
    repo.stageFile('svc/blob.py', Buffer.from([0x64, 0x65, 0x66, 0x00, 0xff, 0x0a]));
    repo.stageFile('svc/real.py', 'def save(session, x):\n    session.add(x)\n');
    const { code, json, stderr } = runCheckJson(repo.dir);
    expect(json.errors).toEqual([]);
    expect(json.violations.map((v) => `${v.code} ${v.file}`)).toEqual(['TXB000 svc/blob.py', 'TXB001 svc/real.py']);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('a Latin-1 file with a coding cookie is decoded like Python decodes it', () => {
    const latin1 = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n'), Buffer.from('def r\xe9sum\xe9(session):\n    """Caf\xe9."""\n    session.add(x)\n', 'latin1')]);
    repo.stageFile('svc/latin.py', latin1);
    const { code, json } = runCheckJson(repo.dir);
    expect(json.errors).toEqual([]);
    expect(json.violations.map((v) => `${v.code} ${v.function}@${v.line}:${v.column}`)).toEqual(['TXB001 r\u00e9sum\u00e9@2:5']);
    expect(code).toBe(1);
  });

  it('invalid UTF-8 without a coding cookie in a new file: TXB000 at the bad byte; the rest is still checked', () => {
    repo.stageFile('svc/mojibake.py', Buffer.from('def r\xe9sum\xe9(session):\n    session.add(x)\n', 'latin1'));
    repo.stageFile('svc/real.py', 'def save(session, x):\n    session.add(x)\n');
    const { json, stderr } = runCheckJson(repo.dir);
    expect(json.errors).toEqual([]);
    expect(json.violations.map((v) => `${v.code} ${v.file}:${v.line} ${/UTF-8/.test(v.message)}`)).toEqual(['TXB000 svc/mojibake.py:1 true', 'TXB001 svc/real.py:1 false']);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('an unmerged index (conflict in progress) does not crash', () => {
    repo.commitFile('svc/conflict.py', 'def f(session):\n    return 1\n');
    repo.git('checkout', '-q', '-b', 'other');
    repo.commitFile('svc/conflict.py', 'def f(session):\n    return 2\n');
    repo.git('checkout', '-q', 'main');
    repo.commitFile('svc/conflict.py', 'def f(session):\n    return 3\n');
    repo.run(['merge', 'other'], { allowFailure: true });
    expect(repo.git('status', '--porcelain')).toMatch(/^UU svc\/conflict\.py$/m);
    try {
      const { code, stderr } = runCli(repo.dir, ['check', '--format', 'json']);
      expect([0, 1]).toContain(code);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      repo.git('merge', '--abort');
    }
  });
});
