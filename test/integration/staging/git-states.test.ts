/**
 * Git states a pre-commit hook meets besides a plain `git commit`: a merge
 * with resolved conflicts, cherry-pick and rebase (including `--exec`),
 * `git commit -a` / `<path>` / `--include` / `--amend`, an orphan branch, a
 * shallow clone, a detached HEAD, a bare repository driven with
 * `--git-dir`/`--work-tree`, and places that are not a work tree at all.
 * Direct runs prove the check left the repository untouched; commits go
 * through a real pre-commit hook that runs the built CLI.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, createTempDir, defPosition, type GitRepo, snapshotRepo } from '../../helpers/git-repo.js';
import { CLI_PATH } from '../../helpers/run-cli.js';
import { checkUntouched, cliUntouched, cloneInto, expectFailClosed, gitTry, initRepoAt, installHook, verdict } from '../../helpers/edge.js';

const doc = (name: string, body: string) => `def ${name}(session, item):\n    """${name}.\n\n    Transaction boundary: Single operation, automatically atomic.\n    """\n    ${body}\n`;
const bare = (name: string, body: string) => `def ${name}(session, item):\n    ${body}\n`;

/** Functions separated by two blank lines, as in a real module. */
const module = (...functions: string[]) => functions.join('\n\n');

describe('a merge with resolved conflicts, committed through the hook', { timeout: 60_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({
      files: { 'svc/orders.py': module(bare('handle', 'session.add(item)'), bare('legacy', 'return item'), doc('stored', 'session.add(item)')) },
      commit: 'base',
    });
    installHook(repo);
  });
  afterAll(() => repo.cleanup());

  it('checks everything the merge brings in against HEAD (the first parent), blocks, keeps the merge state, then lets the fix through', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('svc/orders.py', module(bare('handle', 'session.merge(item)'), bare('legacy', 'return item'), doc('stored', 'session.add(item)')));
    repo.write('svc/extra.py', bare('brought_in', 'session.add(item)'));
    repo.commitAll('feature: merge instead of add, and a new module (committed with --no-verify)');
    repo.git('checkout', '-q', 'main');
    repo.write('svc/orders.py', module(bare('handle', 'session.add_all([item])'), bare('legacy', 'return item'), doc('stored', 'session.add(item)')));
    repo.commitAll('main: add_all');

    expect(repo.run(['merge', '-q', 'feature'], { allowFailure: true }).code).not.toBe(0);
    expect(repo.git('status', '--porcelain')).toMatch(/^UU svc\/orders\.py$/m);
    // Resolved: feature's line wins, and the resolution drops `stored`'s section by mistake.
    const resolved = module(bare('handle', 'session.merge(item)'), bare('legacy', 'return item'), bare('stored', 'session.add(item)'));
    repo.stageFile('svc/orders.py', resolved);

    const direct = checkUntouched(repo);
    expect(verdict(direct)).toEqual(['TXB001 brought_in@svc/extra.py:1', 'TXB001 handle@svc/orders.py:1', `TXB002 stored@svc/orders.py:${defPosition(resolved, 'stored').line}`]);

    const before = snapshotRepo(repo);
    const blocked = gitTry(repo, ['commit', '--no-edit']);
    expect(blocked.code, blocked.output).not.toBe(0);
    expect(blocked.output).toContain('svc/extra.py');
    // Nothing lost: the resolution, MERGE_HEAD and the working tree are as they were.
    expect(snapshotRepo(repo)).toEqual(before);
    expect(repo.run(['rev-parse', '-q', '--verify', 'MERGE_HEAD'], { allowFailure: true }).code).toBe(0);

    repo.stageFile('svc/orders.py', module(doc('handle', 'session.merge(item)'), bare('legacy', 'return item'), doc('stored', 'session.add(item)')));
    repo.stageFile('svc/extra.py', doc('brought_in', 'session.add(item)'));
    const passed = gitTry(repo, ['commit', '--no-edit']);
    expect(passed.code, passed.output).toBe(0);
    expect(repo.git('rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ')).toHaveLength(3);
  });
});

describe('cherry-pick and rebase', { timeout: 60_000 }, () => {
  let repo: GitRepo;
  let pick: string;
  let mainTip: string;
  beforeAll(() => {
    repo = createRepo({ files: { 'svc/steps.py': module(bare('one', 'return 1'), bare('two', 'return 2')) }, commit: 'base' });
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('svc/steps.py', module(bare('one', 'session.add(item)'), bare('two', 'return 2')));
    pick = repo.commitAll('topic: one writes');
    repo.write('svc/more.py', doc('three', 'session.add(item)'));
    repo.commitAll('topic: documented three');
    repo.git('checkout', '-q', 'main');
    repo.write('svc/steps.py', module(bare('one', 'return 10'), bare('two', 'return 2')));
    mainTip = repo.commitAll('main: one returns 10');
    installHook(repo);
  });
  afterEach(() => {
    repo.run(['cherry-pick', '--abort'], { allowFailure: true });
    repo.run(['rebase', '--abort'], { allowFailure: true });
    repo.git('checkout', '-q', '-f', 'main');
    repo.git('reset', '-q', '--hard', mainTip);
  });
  afterAll(() => repo.cleanup());

  it('cherry-pick -n stages the picked change: only its function is checked', () => {
    repo.run(['cherry-pick', '-n', '--strategy-option=theirs', pick]);
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 one@svc/steps.py:1']);
  });

  it('a conflicted cherry-pick: the resolved index is checked, and `cherry-pick --continue` goes through the hook', () => {
    expect(repo.run(['cherry-pick', pick], { allowFailure: true }).code).not.toBe(0);
    repo.stageFile('svc/steps.py', module(bare('one', 'session.add(item)'), bare('two', 'return 2')));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 one@svc/steps.py:1']);
    const before = snapshotRepo(repo);
    const blocked = gitTry(repo, ['cherry-pick', '--continue']);
    expect(blocked.code, blocked.output).not.toBe(0);
    expect(blocked.output).toContain('TXB001');
    expect(snapshotRepo(repo)).toEqual(before);
    repo.stageFile('svc/steps.py', module(doc('one', 'session.add(item)'), bare('two', 'return 2')));
    const passed = gitTry(repo, ['cherry-pick', '--continue']);
    expect(passed.code, passed.output).toBe(0);
  });

  it('rebase --exec "txboundary check": runs after every pick on a detached HEAD, finds nothing staged, and the rebase completes', () => {
    repo.git('checkout', '-q', '-b', 'linear', 'topic');
    repo.git('reset', '-q', '--hard', 'main');
    repo.write('svc/a.py', bare('first', 'session.add(item)'));
    repo.commitAll('a');
    repo.write('svc/b.py', bare('second', 'session.add(item)'));
    repo.commitAll('b');
    const result = gitTry(repo, ['rebase', '--exec', `"${process.execPath}" "${CLI_PATH}" check --format json`, 'main~1']);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout.match(/"blocking":0/g)).toHaveLength(3);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('rebase --exec that commits: that commit goes through the hook, is blocked, and the rebase stops with the change still staged', () => {
    repo.git('checkout', '-q', '-b', 'execs', 'main');
    repo.write('svc/c.py', bare('third', 'return 3'));
    repo.commitAll('c');
    const script = "printf 'def fourth(session, item):\\n    session.add(item)\\n' > svc/d.py && git add svc/d.py && git commit -q -m d";
    const result = gitTry(repo, ['rebase', '--force-rebase', '--exec', script, 'main']);
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain('TXB001');
    expect(result.output).toContain('svc/d.py:1:5');
    expect(repo.git('diff', '--cached', '--name-only')).toBe('svc/d.py\n');
  });

  // Unlike `cherry-pick --continue`, git (2.39) does not run pre-commit when
  // `rebase --continue` commits a resolved pick: the hook cannot see it, the
  // CI range mode (`check --base`) has to.
  it('a rebase stopped on a conflict: the resolution is checked against the commit being built on; `rebase --continue` skips the hook', () => {
    repo.git('checkout', '-q', 'topic');
    expect(repo.run(['rebase', 'main'], { allowFailure: true }).code).not.toBe(0);
    repo.stageFile('svc/steps.py', module(bare('one', 'session.add(item)'), bare('two', 'return 2')));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 one@svc/steps.py:1']);
    const continued = gitTry(repo, ['rebase', '--continue']);
    expect(continued.code, continued.output).toBe(0);
    expect(continued.output).not.toContain('TXB001');
  });
});

describe('commit variants that build their own index', { timeout: 60_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({
      files: { 'svc/pay.py': doc('pay', 'session.add(item)'), 'svc/ship.py': doc('ship', 'session.add(item)') },
      commit: 'base',
    });
    installHook(repo);
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.cleanup());

  it('`git commit <path>` judges the working-tree content of that path, not the partially staged one', () => {
    repo.stageFile('svc/pay.py', doc('pay', 'session.merge(item)'));
    repo.write('svc/pay.py', bare('pay', 'session.merge(item)'));
    const before = snapshotRepo(repo);
    const blocked = gitTry(repo, ['commit', '-m', 'pay', '--', 'svc/pay.py']);
    expect(blocked.code, blocked.output).not.toBe(0);
    expect(blocked.output).toContain('TXB002');
    expect(snapshotRepo(repo), 'a blocked `git commit <path>` lost or changed something').toEqual(before);

    // The other way round: broken in the index, fixed in the working tree → passes.
    repo.stageFile('svc/ship.py', bare('ship', 'session.merge(item)'));
    repo.write('svc/ship.py', doc('ship', 'session.merge(item)'));
    const passed = gitTry(repo, ['commit', '-m', 'ship', '--', 'svc/ship.py']);
    expect(passed.code, passed.output).toBe(0);
    expect(repo.git('show', 'HEAD:svc/ship.py')).toBe(doc('ship', 'session.merge(item)'));
  });

  it('`git commit -a` and `git commit --include`: a blocked commit leaves the real index exactly as it was', () => {
    repo.write('svc/pay.py', bare('pay', 'session.merge(item)'));
    repo.stageFile('svc/new.py', doc('fresh', 'session.add(item)'));
    for (const args of [['-a'], ['--include', 'svc/pay.py']]) {
      const before = snapshotRepo(repo);
      const blocked = gitTry(repo, ['commit', ...args, '-m', 'x']);
      expect(blocked.code, blocked.output).not.toBe(0);
      expect(blocked.output).toContain('svc/pay.py');
      expect(snapshotRepo(repo), `a blocked git commit ${args.join(' ')} changed the repository`).toEqual(before);
    }
  });

  it('in a linked worktree, from a subdirectory: `commit -a` and `commit <path>` are checked through GIT_DIR and an absolute GIT_INDEX_FILE', () => {
    const linked = `${repo.dir}-linked`;
    repo.git('worktree', 'add', '-q', '-b', 'linked', linked);
    try {
      mkdirSync(join(linked, 'sub'));
      writeFileSync(join(linked, 'svc/pay.py'), bare('pay', 'session.merge(item)'));
      const run = (args: string[]) => repo.run(['-C', join(linked, 'sub'), ...args], { allowFailure: true, env: { GIT_EDITOR: 'true' } });
      const all = run(['commit', '-a', '-m', 'x']);
      expect(all.code).not.toBe(0);
      expect(all.stdout + all.stderr).toContain('svc/pay.py:1:5 TXB002');
      const only = run(['commit', '-m', 'x', '--', '../svc/pay.py']);
      expect(only.code).not.toBe(0);
      expect(only.stdout + only.stderr).toContain('svc/pay.py:1:5 TXB002');
      // Both refused commits left the linked worktree's index as it was: the edit is still unstaged.
      expect(repo.run(['-C', linked, 'status', '--porcelain']).stdout).toBe(' M svc/pay.py\n');
    } finally {
      repo.git('worktree', 'remove', '--force', linked);
      repo.git('branch', '-q', '-D', 'linked');
    }
  });

  // What `--amend` compares: the index against HEAD, i.e. against the commit
  // being amended. Only what is added on top of it is checked; what that
  // commit already contains was checked (or bypassed) when it was made.
  it('`git commit --amend`: only changes on top of the amended commit are checked', () => {
    repo.write('svc/legacy.py', module(bare('old_one', 'session.add(item)'), bare('old_two', 'return item')));
    repo.commitAll('undocumented, committed with --no-verify');
    const reworded = gitTry(repo, ['commit', '--amend', '-m', 'reworded only']);
    expect(reworded.code, reworded.output).toBe(0);

    repo.stageFile('svc/legacy.py', module(bare('old_one', 'session.add(item)'), bare('old_two', 'return item.id')));
    const direct = checkUntouched(repo);
    expect(verdict(direct)).toEqual(['TXB001 old_two@svc/legacy.py:5']);
    const blocked = gitTry(repo, ['commit', '--amend', '--no-edit']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('svc/legacy.py:5:5');
    expect(blocked.output).not.toContain('svc/legacy.py:1:5');
  });
});

describe('HEAD in odd places', { timeout: 60_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({ files: { 'svc/old.py': module(bare('kept', 'return item'), bare('other', 'return 2')) }, commit: 'base' });
  });
  afterEach(() => {
    repo.git('checkout', '-q', '-f', 'main');
    repo.git('clean', '-q', '-fdx');
  });
  afterAll(() => repo.cleanup());

  it('an orphan branch (unborn, with a full index): compared with the empty tree, every function is checked', () => {
    repo.git('checkout', '-q', '--orphan', 'fresh-start');
    repo.stageFile('svc/new.py', doc('documented', 'session.add(item)'));
    const run = checkUntouched(repo);
    expect(verdict(run)).toEqual(['TXB001 kept@svc/old.py:1', 'TXB001 other@svc/old.py:5']);
    expect(run.json.summary.filesChecked).toBe(2);
  });

  it('a detached HEAD: checked like a branch', () => {
    repo.git('checkout', '-q', '--detach', 'main');
    repo.stageFile('svc/old.py', module(bare('kept', 'return item.id'), bare('other', 'return 2')));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 kept@svc/old.py:1']);
  });

  it('a shallow clone (`git clone --depth 1 file://...`): staged mode needs only HEAD', () => {
    repo.write('svc/second.py', bare('later', 'return 1'));
    repo.commitAll('second commit');
    const clone = createRepo();
    try {
      cloneInto(clone, repo, ['--depth', '1']);
      expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true');
      clone.stageFile('svc/old.py', module(bare('kept', 'return item'), bare('other', 'session.add(item)')));
      const run = checkUntouched(clone);
      expect(verdict(run)).toEqual(['TXB001 other@svc/old.py:5']);
      expect(run.code).toBe(1);
    } finally {
      clone.cleanup();
    }
  });
});

describe('a bare repository with a separate work tree (the "dotfiles" setup)', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof createTempDir>;
  let repo: GitRepo;
  let gitDir: string;
  beforeAll(() => {
    temp = createTempDir();
    gitDir = join(temp.dir, 'cfg.git');
    repo = initRepoAt(join(temp.dir, 'tree'), join(temp.dir, 'home'), { bareGitDir: gitDir });
    repo.commitFile('svc/tracked.py', module(bare('tracked', 'return item'), bare('other', 'return 2')));
    repo.write('sub/.keep', '');
  });
  afterEach(() => repo.run(['reset', '-q', '--hard']));
  afterAll(() => temp.cleanup());

  it('absolute GIT_DIR and GIT_WORK_TREE: checked like a normal checkout, through the hook too', () => {
    repo.stageFile('svc/tracked.py', module(bare('tracked', 'session.add(item)'), bare('other', 'return 2')));
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 tracked@svc/tracked.py:1']);
    installHook(repo);
    const blocked = gitTry(repo, ['commit', '-m', 'x']);
    expect(blocked.code, blocked.output).not.toBe(0);
    expect(blocked.output).toContain('svc/tracked.py:1:5');
  });

  // Regression test for a bug found by this suite.
  it('relative GIT_DIR and GIT_WORK_TREE, started from a subdirectory of the work tree', () => {
    repo.stageFile('svc/tracked.py', module(bare('tracked', 'session.add(item)'), bare('other', 'return 2')));
    const run = checkUntouched(repo, [], { cwd: 'sub', env: { GIT_DIR: '../../cfg.git', GIT_WORK_TREE: '..' } });
    expect(verdict(run)).toEqual(['TXB001 tracked@svc/tracked.py:1']);
  });
});

describe('not a work tree', { timeout: 30_000 }, () => {
  it('from inside the .git directory: exit 2 with one clear line, nothing touched', () => {
    const repo = createRepo({ files: { 'a.py': bare('a', 'session.add(item)') } });
    try {
      repo.git('add', 'a.py');
      expectFailClosed(cliUntouched(repo, ['check'], { cwd: '.git' }), /work tree|git repository|\.git/i);
    } finally {
      repo.cleanup();
    }
  });

  it('GIT_DIR pointing at a directory that is not a repository: exit 2 with one clear line', () => {
    const temp = createTempDir();
    const repo = createRepo();
    try {
      expectFailClosed(cliUntouched(repo, ['check'], { env: { GIT_DIR: temp.dir } }), /git repository/i);
    } finally {
      repo.cleanup();
      temp.cleanup();
    }
  });
});
