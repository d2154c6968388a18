/**
 * Content is read from the index, never from the working tree (docs/rules.md), so
 * a partially staged file is judged by exactly what will be committed; and
 * the check never touches the index or the working tree.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, defPosition, snapshotRepo, type GitRepo } from '../../helpers/git-repo.js';
import { brief, runCheckJson, runCli } from '../../helpers/run-cli.js';

const HEAD = dedent`
  def get_plan(session, plan_id):
      """Return a plan.

      Transaction boundary: Read-only, no transaction needed.
      """
      return session.get(Plan, plan_id)


  def set_plan_price(session, plan_id, price):
      plan = session.get(Plan, plan_id)
      plan.price = price
      session.add(plan)
`;

const BROKEN = HEAD.replace('plan.price = price', 'plan.price = round(price, 2)');
const FIXED = BROKEN.replace(
  '    plan = session.get(Plan, plan_id)\n    plan.price = round',
  '    """Set the price.\n\n    Transaction boundary: Single operation, automatically atomic.\n    """\n    plan = session.get(Plan, plan_id)\n    plan.price = round',
);

describe('partial staging', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({ files: { 'plans.py': HEAD }, commit: 'init' });
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.cleanup());

  it('(a) the index has the violation, the working tree is fixed → blocked', () => {
    repo.stageFile('plans.py', BROKEN);
    repo.write('plans.py', FIXED);
    const before = snapshotRepo(repo);
    const { code, json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual([`TXB001 set_plan_price@plans.py:${defPosition(BROKEN, 'set_plan_price').line}`]);
    expect(code).toBe(1);
    expect(snapshotRepo(repo)).toEqual(before);
  });

  it('(b) the index is fixed, the working tree is broken → passes', () => {
    repo.stageFile('plans.py', FIXED);
    repo.write('plans.py', BROKEN.replace('Transaction boundary: Read-only, no transaction needed.', 'Removed.'));
    const before = snapshotRepo(repo);
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
    expect(snapshotRepo(repo)).toEqual(before);
  });

  it('a syntax error only in the working tree is not reported', () => {
    repo.stageFile('plans.py', FIXED);
    repo.write('plans.py', `${FIXED}\ndef oops(:\n`);
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(json.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('line numbers come from the staged version, not the working tree', () => {
    repo.stageFile('plans.py', BROKEN);
    repo.write('plans.py', `import os\nimport sys\nimport json\n\n\n${BROKEN}`);
    const { json } = runCheckJson(repo.dir);
    expect(json.violations).toHaveLength(1);
    expect(json.violations[0]).toMatchObject(defPosition(BROKEN, 'set_plan_price'));
  });

  it('a file only modified in the working tree is not checked', () => {
    repo.write('plans.py', BROKEN);
    repo.stageFile('other.py', '"""Module without functions."""\nVALUE = 1\n');
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });

  it('a file deleted from the working tree but staged as modified is still checked from the index', () => {
    repo.stageFile('plans.py', BROKEN);
    repo.remove('plans.py');
    const { code, json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual([`TXB001 set_plan_price@plans.py:${defPosition(BROKEN, 'set_plan_price').line}`]);
    expect(code).toBe(1);
  });

  it('an intent-to-add file (git add -N) contributes nothing to the commit and is not reported', () => {
    repo.write('draft.py', 'def publish(session):\n    session.add(Post())\n');
    repo.git('add', '-N', 'draft.py');
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });

  it('respects GIT_INDEX_FILE (what git sets for `git commit <paths>` / `git commit -a`)', () => {
    // The default index is clean; an alternative index holds the violation.
    repo.write('plans.py', BROKEN);
    const altIndex = join(repo.dir, '.git', 'alt-index');
    repo.run(['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: altIndex } });
    repo.run(['add', 'plans.py'], { env: { GIT_INDEX_FILE: altIndex } });
    const before = snapshotRepo(repo);

    expect(runCheckJson(repo.dir).code).toBe(0);
    const alt = runCheckJson(repo.dir, [], { env: { GIT_INDEX_FILE: altIndex } });
    expect(brief(alt.json)).toEqual([`TXB001 set_plan_price@plans.py:${defPosition(BROKEN, 'set_plan_price').line}`]);
    expect(alt.code).toBe(1);
    // A relative GIT_INDEX_FILE (as git passes it in some setups) is relative to the work tree.
    const rel = runCheckJson(repo.dir, [], { env: { GIT_INDEX_FILE: '.git/alt-index' } });
    expect(rel.code).toBe(1);
    expect(snapshotRepo(repo)).toEqual(before);
  });
});

describe('the check is read-only', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({ files: { 'plans.py': HEAD, 'pkg/keep.py': HEAD }, commit: 'init' });
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.cleanup());

  it('leaves index, working tree, refs and untracked files untouched in every output mode', () => {
    repo.stageFile('plans.py', BROKEN);
    repo.write('plans.py', `${FIXED}\n# unstaged tail\n`);
    repo.git('mv', 'pkg/keep.py', 'pkg/kept.py');
    repo.write('untracked.py', 'def loose(session):\n    session.add(X())\n');
    writeFileSync(repo.path('notes.txt'), 'untracked notes\n');

    const before = snapshotRepo(repo);
    expect(runCli(repo.dir, ['check']).code).toBe(1);
    expect(snapshotRepo(repo)).toEqual(before);
    expect(runCheckJson(repo.dir).code).toBe(1);
    expect(snapshotRepo(repo)).toEqual(before);
    expect(runCheckJson(repo.dir, ['plans.py']).code).toBe(1);
    expect(snapshotRepo(repo)).toEqual(before);
  });
});
