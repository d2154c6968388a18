/**
 * Failing closed (issue 3, item 3): every fault is injected for real — a
 * broken installation, no git, a git that dies mid-stream, unreadable
 * configuration, an unwritable stdout — and must end in exit status 2 with
 * one line naming the cause (plus at most one `hint:` line), no stack trace
 * unless `--debug` asks for it, and the repository untouched. Faults that
 * exit 2 but do not say what to do next are marked as bugs.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type GitRepo, snapshotRepo } from '../../helpers/git-repo.js';
import { CLI_PATH } from '../../helpers/run-cli.js';
import { type Breakage, brokenInstallation, cliUntouched, expectFailClosed, expectNextStep, expectStack, fakeGit, gitTry, installHook, pathWith } from '../../helpers/edge.js';

const UNDOCUMENTED = 'def handle(session, item):\n    session.add(item)\n';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'svc/base.py': UNDOCUMENTED.replace('handle', 'base') }, commit: 'init' });
});
afterAll(() => repo.cleanup());

/** Runs `node <cli> check ...args` of another installation in `repo`, proving nothing was touched. */
function runInstalled(cli: string, args: string[] = []): ReturnType<typeof cliUntouched> {
  const before = snapshotRepo(repo);
  const result = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: repo.dir, env: { ...repo.env, NO_COLOR: '1' }, encoding: 'utf8' });
  expect(snapshotRepo(repo)).toEqual(before);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('a broken installation (throwaway copy of dist/, no node_modules/)', { timeout: 60_000 }, () => {
  const CASES: Array<[Breakage, RegExp]> = [
    ['grammar-missing', /tree-sitter-python\.wasm.*not found/],
    ['grammar-corrupt', /tree-sitter-python\.wasm.*not a usable/],
    ['runtime-missing', /web-tree-sitter.*could not be imported/],
    ['runtime-wasm-corrupt', /web-tree-sitter\.wasm.*could not be initialised/],
  ];
  const installs = new Map<Breakage, ReturnType<typeof brokenInstallation>>();
  beforeAll(() => {
    for (const [breakage] of CASES) installs.set(breakage, brokenInstallation(breakage));
    repo.stageFile('svc/new.py', UNDOCUMENTED);
  });
  afterAll(() => {
    for (const install of installs.values()) install.cleanup();
    repo.reset();
  });
  const cli = (breakage: Breakage) => installs.get(breakage)?.cli as string;

  // A broken installation is the user's to fix: it must not be reported as
  // "internal error ... a bug in txboundary", which would contradict the advice to reinstall.
  it.each(CASES)('%s: exit 2, one line naming the file and saying to reinstall, not blamed on txboundary; --debug adds the stack', (breakage, cause) => {
    const result = runInstalled(cli(breakage));
    expectFailClosed(result, cause);
    expect(result.stderr).toMatch(/npm install/);
    expect(result.stderr).not.toMatch(/internal error|bug in txboundary/i);
    expectStack(runInstalled(cli(breakage), ['--debug']));
  });

  it('with no Python file staged the parser is never loaded: exit 0', () => {
    const temp = createRepo({ files: { 'README.md': 'x\n' }, commit: 'init' });
    try {
      temp.stageFile('notes.md', 'no python here\n');
      const result = spawnSync(process.execPath, [cli('grammar-missing'), 'check'], { cwd: temp.dir, env: temp.env, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    } finally {
      temp.cleanup();
    }
  });
});

describe('git itself fails', { timeout: 60_000 }, () => {
  let bins: string;
  beforeAll(() => {
    bins = join(repo.home, 'fault-bins');
    mkdirSync(bins, { recursive: true });
    repo.stageFile('svc/new.py', UNDOCUMENTED);
    repo.commitFile('svc/changed.py', UNDOCUMENTED.replace('handle', 'changed'));
    repo.stageFile('svc/changed.py', UNDOCUMENTED.replace('handle', 'changed').replace('add', 'merge'));
  });
  afterAll(() => repo.reset());

  /** PATH holding only a `node` symlink: no git anywhere. */
  function nodeOnlyPath(): string {
    const dir = join(bins, 'node-only');
    if (!existsSync(dir)) {
      mkdirSync(dir);
      symlinkSync(process.execPath, join(dir, 'node'));
    }
    return dir;
  }

  const FAKES: Record<string, string> = {
    'cat-file exits 128 after a partial blob': `if [ "$sub" = cat-file ]; then cat >/dev/null; printf '%040d blob 500\\ndef handle(' 0; exit 128; fi`,
    'cat-file is killed by a signal mid-stream': `if [ "$sub" = cat-file ]; then cat >/dev/null; printf '%040d blob 500\\ndef ' 0; kill -9 $$; fi`,
    'cat-file exits 0 with a truncated blob': `if [ "$sub" = cat-file ]; then cat >/dev/null; printf '%040d blob 500\\ndef ' 0; exit 0; fi`,
    'cat-file answers "missing"': `if [ "$sub" = cat-file ]; then read oid; printf '%s missing\\n' "$oid"; exit 0; fi`,
    'diff-index (the entry list) fails': `if [ "$sub" = diff-index ]; then echo "fatal: unable to read index: simulated" >&2; exit 128; fi`,
    'diff-index -p (the hunks) fails': `if [ "$sub" = diff-index ]; then case " $* " in *" -p "*) echo "fatal: simulated hunk failure" >&2; exit 128;; esac; fi`,
    'rev-parse prints garbage': `if [ "$sub" = rev-parse ]; then echo "garbage"; exit 0; fi`,
  };
  const fakePath = (name: string) => pathWith(fakeGit(join(bins, name.replace(/\W+/g, '-')), FAKES[name] as string));

  it('git missing from PATH (only node on it): exit 2, "git was not found", with a hint', () => {
    const result = cliUntouched(repo, ['check'], { env: { PATH: nodeOnlyPath() } });
    expectFailClosed(result, /git was not found/);
    expectNextStep(result);
    expectStack(cliUntouched(repo, ['check', '--debug'], { env: { PATH: nodeOnlyPath() } }));
  });

  it.each(Object.keys(FAKES))('%s: exit 2, one line naming the git command, nothing touched', (name) => {
    const result = cliUntouched(repo, ['check'], { env: { PATH: fakePath(name) } });
    expectFailClosed(result, /`git .*(cat-file|diff-index|rev-parse).*` failed/);
  });

  it('--debug adds the stack trace to a git failure', () => {
    expectStack(cliUntouched(repo, ['check', '--debug'], { env: { PATH: fakePath('cat-file exits 128 after a partial blob') } }));
  });

  // Regression test for a bug found by this suite.
  it('every one of these git failures also says what to do next', () => {
    for (const name of Object.keys(FAKES)) {
      const result = cliUntouched(repo, ['check'], { env: { PATH: fakePath(name) } });
      expect(result.code).toBe(2);
      expectNextStep(result);
    }
  });

  it('inside `git commit`: a git fault in the hook refuses the commit and loses nothing', () => {
    const hooked = createRepo({ files: { 'README.md': 'x\n' }, commit: 'init' });
    try {
      // Git puts its own exec-path first on a hook's PATH, so the fake is put first by the hook itself.
      installHook(hooked, `PATH="${fakePath('cat-file exits 128 after a partial blob')}"; export PATH\n`);
      hooked.stageFile('svc/ok.py', 'def get_a(session):\n    """Transaction boundary: Read-only, no transaction needed."""\n    return 1\n');
      hooked.write('svc/ok.py', 'def get_a(session):\n    return "unstaged edit"\n');
      const before = snapshotRepo(hooked);
      const refused = gitTry(hooked, ['commit', '-m', 'x']);
      expect(refused.code, refused.output).not.toBe(0);
      expect(refused.stderr).toMatch(/txboundary: `git .*cat-file --batch` failed/);
      expect(snapshotRepo(hooked)).toEqual(before);
    } finally {
      hooked.cleanup();
    }
  });
});

describe('unreadable configuration', { timeout: 30_000 }, () => {
  beforeAll(() => repo.stageFile('svc/new.py', UNDOCUMENTED));
  afterEach(() => {
    for (const file of ['.txboundaryrc.json', 'pyproject.toml', 'package.json']) repo.remove(file);
  });
  afterAll(() => repo.reset());

  it('a directory named .txboundaryrc.json: exit 2, says so, with a hint', () => {
    mkdirSync(repo.path('.txboundaryrc.json'));
    const result = cliUntouched(repo, ['check']);
    expectFailClosed(result, /\.txboundaryrc\.json is a directory/);
    expectNextStep(result);
    expectStack(cliUntouched(repo, ['check', '--debug']));
  });

  it.each([
    ['.txboundaryrc.json', '{"include": ["**/*.py"],, }', /\.txboundaryrc\.json:1:\d+: invalid JSON/],
    ['.txboundaryrc.json', '', /\.txboundaryrc\.json:1:1: invalid JSON/],
    ['package.json', '{"name": "x", "txboundary": {', /package\.json:1:\d+: invalid JSON/],
    ['pyproject.toml', '[tool.txboundary]\ninclude = [\n', /pyproject\.toml:\d+:\d+: invalid TOML/],
  ])('%s holding %j: exit 2 with the position and a hint', (file, text, cause) => {
    writeFileSync(repo.path(file), text);
    const result = cliUntouched(repo, ['check']);
    expectFailClosed(result, cause);
    expectNextStep(result);
  });

  it('a symlink loop named .txboundaryrc.json: exit 2, names the file', () => {
    symlinkSync('.txboundaryrc.json', repo.path('.txboundaryrc.json'));
    expectFailClosed(cliUntouched(repo, ['check']), /\.txboundaryrc\.json/);
  });

  it('a commit that stages no Python file does not read it: nothing is checked, so nothing is at stake', () => {
    repo.reset();
    repo.stageFile('docs/notes.md', 'notes\n');
    writeFileSync(repo.path('.txboundaryrc.json'), '{"include": ["**/*.py"],, }');
    const result = cliUntouched(repo, ['check', '--verbose']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/nothing to check/);
    repo.reset();
    repo.stageFile('svc/new.py', UNDOCUMENTED);
  });

  // Regression test for a bug found by this suite.
  it('a dangling .txboundaryrc.json symlink: exit 2 naming the missing target, not a silent fall-back to defaults', () => {
    symlinkSync('../shared/txboundary.json', repo.path('.txboundaryrc.json'));
    expectFailClosed(cliUntouched(repo, ['check']), /\.txboundaryrc\.json/);
  });
});

describe('output that cannot be written', { timeout: 30_000 }, () => {
  beforeAll(() => repo.stageFile('svc/new.py', UNDOCUMENTED));
  afterAll(() => repo.reset());

  // Regression test for a bug found by this suite.
  it.each(['text', 'json'])('stdout on a full device (--format %s): exit 2 with one line, no stack', (format) => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [CLI_PATH, 'check', '--format', format], {
        cwd: repo.dir,
        env: { ...repo.env, NO_COLOR: '1' },
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expectFailClosed({ code: result.status ?? -1, stdout: '', stderr: result.stderr }, /ENOSPC|write|output/i);
    } finally {
      closeSync(full);
    }
  });
});
