/**
 * Repository settings the hostile-config integration test does not set:
 * `core.autocrlf=true` and `eol=crlf` attributes, a global `core.hooksPath`
 * running the project's own hook, `diff.renameLimit`, unusual index formats
 * (v4, split, sparse) and SHA-256 repositories. Verdicts must not move, and
 * nothing may be touched.
 */
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, createTempDir, type GitRepo, PROJECT_ROOT } from '../../helpers/git-repo.js';
import { CLI_PATH } from '../../helpers/run-cli.js';
import { checkUntouched, gitTry, initRepoAt, pathWith, verdict } from '../../helpers/edge.js';

const LEGACY = 'def handle(session, item):\n    session.add(item)\n\n\ndef untouched(session):\n    return 1\n';
const EDITED = LEGACY.replace('session.add(item)', 'session.merge(item)');
const DOCUMENTED = 'def handle(session, item):\n    """Handle.\n\n    Transaction boundary: Single operation, automatically atomic.\n    """\n    session.add(item)\n';
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# config\n' }, commit: 'init' });
});
afterEach(() => {
  for (const key of ['core.autocrlf', 'diff.renameLimit']) repo.run(['config', '--unset', key], { allowFailure: true });
  repo.reset();
});
afterAll(() => repo.cleanup());

describe('line-ending conversion', { timeout: 30_000 }, () => {
  it('core.autocrlf=true: CRLF in the working tree, LF in the index; verdict and positions come from the index', () => {
    repo.git('config', 'core.autocrlf', 'true');
    repo.commitFile('eol/auto.py', crlf(LEGACY));
    expect(repo.git('show', 'HEAD:eol/auto.py')).toBe(LEGACY);
    repo.stageFile('eol/auto.py', crlf(EDITED));
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => `${v.code} ${v.function}@${v.line}:${v.column}`)).toEqual(['TXB001 handle@1:5']);
    // A documented function with CRLF on disk: the section is found (no stray \r in the index).
    repo.stageFile('eol/doc.py', crlf(DOCUMENTED));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 handle@eol/auto.py:1']);
  });

  it('core.autocrlf=true over a CRLF blob committed before it was set: untouched, only the edited function reported', () => {
    repo.commitFile('eol/legacy_crlf.py', crlf(LEGACY));
    repo.git('config', 'core.autocrlf', 'true');
    // Whatever status says about the un-normalised file, the check must not refresh or renormalise it.
    repo.write('eol/legacy_crlf.py', crlf(EDITED));
    repo.git('add', 'eol/legacy_crlf.py');
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 handle@eol/legacy_crlf.py:1']);
  });

  it('`*.py text eol=crlf` attributes: same verdict as without them', () => {
    repo.commitFile('.gitattributes', '*.py text eol=crlf\n');
    repo.commitFile('eol/attr.py', LEGACY);
    repo.stageFile('eol/attr.py', crlf(EDITED));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 handle@eol/attr.py:1']);
  });
});

describe('a global core.hooksPath running the project’s hooks/pre-commit', { timeout: 30_000 }, () => {
  let hooks: string;
  let bin: string;
  beforeAll(() => {
    hooks = join(repo.home, 'global-hooks');
    bin = join(repo.home, 'bin');
    mkdirSync(hooks, { recursive: true });
    mkdirSync(bin, { recursive: true });
    copyFileSync(join(PROJECT_ROOT, 'hooks', 'pre-commit'), join(hooks, 'pre-commit'));
    symlinkSync(CLI_PATH, join(bin, 'txboundary'));
  });
  afterEach(() => writeFileSync(join(repo.home, '.gitconfig'), ''));

  it('blocks the violation, passes the fix, and the direct check is unaffected by the setting', () => {
    writeFileSync(join(repo.home, '.gitconfig'), `[core]\n\thooksPath = ${hooks}\n`);
    const env = { PATH: pathWith(bin) };
    expect(repo.git('config', '--show-origin', '--get', 'core.hooksPath')).toContain('.gitconfig');
    repo.stageFile('hooked/orders.py', LEGACY);
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 handle@hooked/orders.py:1', 'TXB001 untouched@hooked/orders.py:5']);
    const blocked = gitTry(repo, ['commit', '-m', 'orders'], env);
    expect(blocked.code, blocked.output).not.toBe(0);
    expect(blocked.output).toContain('hooked/orders.py:1:5');
    repo.stageFile('hooked/orders.py', DOCUMENTED);
    const passed = gitTry(repo, ['commit', '-m', 'orders'], env);
    expect(passed.code, passed.output).toBe(0);
  });

  it('the hook fails closed when txboundary is not installed: exit 2 from the hook, commit refused', () => {
    writeFileSync(join(repo.home, '.gitconfig'), `[core]\n\thooksPath = ${hooks}\n`);
    repo.stageFile('hooked/other.py', DOCUMENTED.replace('handle', 'other'));
    const refused = gitTry(repo, ['commit', '-m', 'other'], { PATH: pathWith(join(repo.home, 'empty')) });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/txboundary: not installed/);
  });
});

describe('rename detection limits', { timeout: 30_000 }, () => {
  // Regression test for a bug found by this suite.
  it('diff.renameLimit=1 does not turn three edited renames into added files', () => {
    const body = (tag: string) => Array.from({ length: 8 }, (_, i) => `def ${tag}_${i}(session):\n    return session.get(A, ${i})\n`).join('\n\n');
    for (const tag of ['a', 'b', 'c']) repo.commitFile(`moved/${tag}.py`, body(tag));
    for (const tag of ['a', 'b', 'c']) repo.git('mv', `moved/${tag}.py`, `moved/${tag}_renamed.py`);
    repo.stageFile('moved/a_renamed.py', body('a').replace('get(A, 3)', 'get(B, 3)'));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 a_3@moved/a_renamed.py:13']);
    repo.git('config', 'diff.renameLimit', '1');
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 a_3@moved/a_renamed.py:13']);
  });
});

describe('index formats', { timeout: 30_000 }, () => {
  it('index version 4, a split index, and a sparse index give the same verdict', () => {
    repo.commitFile('fmt/in_cone.py', LEGACY);
    repo.commitFile('other/out_of_cone.py', LEGACY);
    repo.stageFile('fmt/in_cone.py', EDITED);
    const expected = ['TXB001 handle@fmt/in_cone.py:1'];
    expect(verdict(checkUntouched(repo))).toEqual(expected);
    repo.git('update-index', '--index-version', '4');
    expect(verdict(checkUntouched(repo))).toEqual(expected);
    repo.git('update-index', '--split-index');
    expect(verdict(checkUntouched(repo))).toEqual(expected);
    repo.git('update-index', '--no-split-index');
    repo.git('sparse-checkout', 'set', '--cone', '--sparse-index', 'fmt');
    try {
      expect(repo.git('ls-files', '--sparse')).toMatch(/^other\/$/m);
      expect(verdict(checkUntouched(repo))).toEqual(expected);
    } finally {
      repo.git('sparse-checkout', 'disable');
      repo.git('update-index', '--index-version', '2');
    }
  });
});

describe('SHA-256 repositories', { timeout: 30_000 }, () => {
  it('before the first commit (empty tree of the SHA-256 kind) and after it', () => {
    const temp = createTempDir();
    try {
      const sha256 = initRepoAt(join(temp.dir, 'repo'), join(temp.dir, 'home'), { initArgs: ['--object-format=sha256'] });
      expect(sha256.git('rev-parse', '--show-object-format').trim()).toBe('sha256');
      sha256.stageFile('svc/first.py', LEGACY);
      expect(verdict(checkUntouched(sha256))).toEqual(['TXB001 handle@svc/first.py:1', 'TXB001 untouched@svc/first.py:5']);
      sha256.commitAll('first');
      sha256.stageFile('svc/first.py', EDITED);
      expect(verdict(checkUntouched(sha256))).toEqual(['TXB001 handle@svc/first.py:1']);
    } finally {
      temp.cleanup();
    }
  });
});
