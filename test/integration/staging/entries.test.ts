/**
 * Index entries beyond plain files (symlinks, type changes and mode-only
 * changes are in file-status.test.ts): submodules, gitlinks named
 * `*.py`, a file removed from the index but kept on disk, skip-worktree
 * entries, and copies with and without a modified source. Every run also
 * proves the check left the repository untouched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type GitRepo } from '../../helpers/git-repo.js';
import { checkUntouched, verdict } from '../../helpers/edge.js';

const LEGACY = 'def handle(session, item):\n    session.add(item)\n\n\ndef untouched(session):\n    return 1\n';
const EDITED = LEGACY.replace('session.add(item)', 'session.merge(item)');
const FRESH = 'def create(session, data):\n    session.add(Order(**data))\n';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# entries\n' }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

describe('submodules and gitlinks', { timeout: 60_000 }, () => {
  let library: GitRepo;
  beforeAll(() => {
    library = createRepo({ files: { 'lib.py': LEGACY }, commit: 'v1' });
    // A submodule whose path ends in `.py`: only its mode (160000) says it is not a file.
    repo.run(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', `file://${library.dir}`, 'vendor/lib.py']);
    repo.git('commit', '-q', '--no-verify', '-m', 'add submodule');
  });
  afterAll(() => library.cleanup());

  it('a submodule bump (staged gitlink change) is not checked; the other staged files are', () => {
    const sub = repo.path('vendor/lib.py');
    repo.run(['-C', sub, 'config', 'user.name', 'Txb Test']);
    repo.run(['-C', sub, 'config', 'user.email', 'txb@example.invalid']);
    repo.write('vendor/lib.py/lib.py', `${LEGACY}\n\ndef brand_new(session):\n    session.add(1)\n`);
    repo.run(['-C', sub, 'commit', '-q', '--no-verify', '-am', 'v2']);
    repo.git('add', 'vendor/lib.py');
    repo.stageFile('svc/orders.py', FRESH);
    expect(repo.git('diff', '--cached', '--raw')).toMatch(/^:160000 160000 \w+ \w+ M\tvendor\/lib\.py$/m);

    const run = checkUntouched(repo);
    expect(verdict(run)).toEqual(['TXB001 create@svc/orders.py:1']);
    expect(run.json.errors).toEqual([]);
    expect(run.json.summary.filesChecked).toBe(1);
    expect(run.code).toBe(1);
    repo.run(['-C', sub, 'reset', '-q', '--hard', 'HEAD~1']);
  });

  it('a .py file replaced by a gitlink (type change) is not checked, and does not crash', () => {
    repo.commitFile('svc/was_file.py', LEGACY);
    const commit = library.git('rev-parse', 'HEAD').trim();
    repo.git('rm', '-q', '--cached', 'svc/was_file.py');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${commit},svc/was_file.py`);
    expect(repo.git('diff', '--cached', '--raw')).toMatch(/^:100644 160000 \w+ \w+ T\tsvc\/was_file\.py$/m);
    const run = checkUntouched(repo);
    expect(run.json.violations).toEqual([]);
    expect(run.json.errors).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('index and working tree disagree about existence', { timeout: 30_000 }, () => {
  it('`git rm --cached`: a deletion, not checked, although the file is still on disk (and edited)', () => {
    repo.commitFile('svc/leaving.py', LEGACY);
    repo.git('rm', '-q', '--cached', 'svc/leaving.py');
    repo.write('svc/leaving.py', `${EDITED}\n\ndef more(session):\n    session.add(2)\n`);
    expect(repo.git('status', '--porcelain')).toMatch(/^D {2}svc\/leaving\.py$/m);
    expect(repo.git('status', '--porcelain')).toMatch(/^\?\? svc\/$|^\?\? svc\/leaving\.py$/m);
    const run = checkUntouched(repo);
    expect(run.json.violations).toEqual([]);
    expect(run.json.summary.filesChecked).toBe(0);
    expect(run.code).toBe(0);
  });

  it('a skip-worktree entry is judged by its index content, not by the file on disk', () => {
    repo.commitFile('svc/sparse.py', LEGACY);
    repo.stageFile('svc/sparse.py', EDITED);
    repo.git('update-index', '--skip-worktree', 'svc/sparse.py');
    // On disk: a fully documented rewrite git is told not to look at.
    repo.write('svc/sparse.py', 'def handle(session, item):\n    """Handle.\n\n    Transaction boundary: Single operation, automatically atomic.\n    """\n    session.merge(item)\n');
    try {
      expect(verdict(checkUntouched(repo))).toEqual(['TXB001 handle@svc/sparse.py:1']);
    } finally {
      repo.git('update-index', '--no-skip-worktree', 'svc/sparse.py');
    }
  });
});

describe('copied files (`cp a.py b.py` + edit)', { timeout: 30_000 }, () => {
  const MODULE = Array.from({ length: 6 }, (_, i) => `def step_${i}(session):\n    return session.get(Step, ${i})\n`).join('\n\n');
  const COPY = MODULE.replace('get(Step, 3)', 'get(Step, 33)');
  const status = () => repo.git('diff-index', '--cached', '-M', '-C', '--name-status', 'HEAD');

  it('source untouched: git reports the copy as added (plain -C only pairs modified sources), so every function of it is checked', () => {
    repo.commitFile('svc/steps.py', MODULE);
    repo.stageFile('svc/steps_copy.py', COPY);
    expect(status()).toBe('A\tsvc/steps_copy.py\n');
    const run = checkUntouched(repo);
    expect(verdict(run)).toEqual(Array.from({ length: 6 }, (_, i) => `TXB001 step_${i}@svc/steps_copy.py:${1 + 4 * i}`).sort());
    expect(run.code).toBe(1);
  });

  it('source modified too: git reports C, the copy is compared with its source, only the edited function is checked', () => {
    repo.commitFile('svc/flow.py', MODULE);
    repo.stageFile('svc/flow_copy.py', COPY);
    // An edit outside every function of the source (a trailing comment) is enough for -C to pair them.
    repo.stageFile('svc/flow.py', `${MODULE}# end\n`);
    expect(status()).toMatch(/^M\tsvc\/flow\.py\nC\d+\tsvc\/flow\.py\tsvc\/flow_copy\.py\n$/);
    const run = checkUntouched(repo);
    expect(verdict(run)).toEqual(['TXB001 step_3@svc/flow_copy.py:13']);
    expect(run.code).toBe(1);
  });

  it('a copy that drops the section of its source is TXB002 (the copy source is the HEAD version)', () => {
    const documented = `def get_step(session):\n    """Get.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """\n    return session.get(Step, 1)\n\n\n${MODULE}`;
    repo.commitFile('svc/doc_steps.py', documented);
    repo.stageFile('svc/doc_steps.py', `${documented}# end\n`);
    repo.stageFile('svc/doc_steps_copy.py', documented.replace('\n    Transaction boundary: Read-only, no transaction needed.\n', '\n'));
    expect(status()).toMatch(/^C\d+\tsvc\/doc_steps\.py\tsvc\/doc_steps_copy\.py$/m);
    expect(verdict(checkUntouched(repo))).toEqual(['TXB002 get_step@svc/doc_steps_copy.py:1']);
  });
});
