/**
 * CI range mode (`check --base REF [--head REF]`) and the audit
 * (`check --all`), against real commits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo } from '../../helpers/git-repo.js';
import { type JsonReport, runCheckJson, runCli } from '../../helpers/run-cli.js';

const brief = (report: JsonReport) => report.violations.map((v) => `${v.code} ${v.file} ${v.function}`);

const DOCUMENTED = dedent`
  def get_order(session, order_id):
      """Return one order.

      Transaction boundary: Read-only, no transaction needed.
      """
      return session.get(Order, order_id)


  def cancel_order(session, order_id):
      """Cancel an order.

      Transaction boundary: Single operation, automatically atomic.
      """
      session.delete(session.get(Order, order_id))
`;

const UNDOCUMENTED = dedent`
  def add_note(session, order_id, text):
      session.add(Note(order_id=order_id, text=text))


  def _helper():
      return 1
`;

describe('CI range mode: --base REF [--head REF]', () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo();
    repo.write('svc/orders.py', DOCUMENTED);
    repo.commitAll('main: documented service');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('svc/orders.py', DOCUMENTED.replace('Transaction boundary: Single operation, automatically atomic.\n', ''));
    repo.commitAll('feature: drop a section');
    repo.write('svc/notes.py', UNDOCUMENTED);
    repo.commitAll('feature: undocumented function');
    // main moves on after the branch point: its changes are not the feature's.
    repo.git('checkout', '-q', 'main');
    repo.write('svc/legacy.py', UNDOCUMENTED.replace('add_note', 'legacy_note'));
    repo.commitAll('main: legacy work');
    repo.git('checkout', '-q', 'feature');
  });
  afterAll(() => repo.cleanup());

  it('checks what the branch adds since the merge base, and nothing on the base branch', () => {
    const run = runCheckJson(repo.dir, ['--base', 'main']);
    expect(run.code).toBe(1);
    expect(brief(run.json).sort()).toEqual(['TXB001 svc/notes.py add_note', 'TXB002 svc/orders.py cancel_order'].sort());
  });

  it('says in text that the section was in the merge base, not HEAD', () => {
    const mergeBase = repo.git('merge-base', 'main', 'HEAD').trim().slice(0, 7);
    const { stdout } = runCli(repo.dir, ['check', '--base', 'main']);
    expect(stdout).toMatch(new RegExp(`^svc/orders\\.py:\\d+:\\d+ TXB002 \`cancel_order\` lost its "Transaction boundary:" section \\(the merge base ${mergeBase} with main has one\\)$`, 'm'));
    expect(stdout).not.toContain('HEAD has one');
  });

  it('takes --head to check a range that does not end at HEAD', () => {
    const first = repo.git('rev-parse', 'feature~1').trim();
    const run = runCheckJson(repo.dir, ['--base', 'main', '--head', first]);
    expect(brief(run.json)).toEqual(['TXB002 svc/orders.py cancel_order']);
  });

  it('ignores the working tree and the index in range mode', () => {
    repo.write('svc/notes.py', `${UNDOCUMENTED}\n\ndef more(session):\n    session.add(1)\n`);
    repo.git('add', 'svc/notes.py');
    const run = runCheckJson(repo.dir, ['--base', 'main']);
    expect(brief(run.json).sort()).toEqual(['TXB001 svc/notes.py add_note', 'TXB002 svc/orders.py cancel_order'].sort());
    repo.git('reset', '-q', '--hard');
  });

  it('restricts to the given paths', () => {
    const run = runCheckJson(repo.dir, ['--base', 'main', 'svc/notes.py']);
    expect(brief(run.json)).toEqual(['TXB001 svc/notes.py add_note']);
  });

  it('speaks of the change, not of a commit to bypass, in text', () => {
    const run = runCli(repo.dir, ['check', '--base', 'main']);
    expect(run.stdout).toContain('of this change');
    expect(run.stdout).not.toContain('--no-verify');
  });

  it('exits 2 with one clear line when the base does not exist', () => {
    const run = runCli(repo.dir, ['check', '--base', 'origin/nowhere']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^txboundary: --base origin\/nowhere: no such commit in this clone\n {2}hint: fetch it/);
  });

  it('refuses option-like refs and contradictory flags', () => {
    expect(runCli(repo.dir, ['check', '--base', '--all']).code).toBe(2);
    expect(runCli(repo.dir, ['check', '--head', 'main']).stderr).toContain('--head needs --base');
    expect(runCli(repo.dir, ['check', '--all', '--base', 'main']).stderr).toContain('do not go together');
  });

  it('works in a shallow clone deep enough to reach the merge base, and says so when it is not', () => {
    const clone = createRepo();
    try {
      clone.git('remote', 'add', 'origin', `file://${repo.dir}`);
      clone.git('fetch', '-q', '--depth', '3', 'origin', 'feature', 'main');
      clone.git('checkout', '-q', '-b', 'feature', 'FETCH_HEAD');
      clone.git('fetch', '-q', '--depth', '3', 'origin', 'feature');
      clone.git('checkout', '-q', '-B', 'feature', 'origin/feature');
      const deep = runCheckJson(clone.dir, ['--base', 'origin/main']);
      expect(brief(deep.json).sort()).toEqual(['TXB001 svc/notes.py add_note', 'TXB002 svc/orders.py cancel_order'].sort());

      const shallow = createRepo();
      try {
        shallow.git('remote', 'add', 'origin', `file://${repo.dir}`);
        shallow.git('fetch', '-q', '--depth', '1', 'origin', 'feature', 'main');
        shallow.git('checkout', '-q', '-B', 'feature', 'origin/feature');
        const run = runCli(shallow.dir, ['check', '--base', 'origin/main']);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('share no history in this clone');
        expect(run.stderr).toContain('git fetch --deepen');
      } finally {
        shallow.cleanup();
      }
    } finally {
      clone.cleanup();
    }
  });
});

describe('audit: --all', () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo();
    repo.write('svc/orders.py', DOCUMENTED);
    repo.write('svc/notes.py', UNDOCUMENTED);
    repo.write('tests/test_orders.py', UNDOCUMENTED);
    repo.commitAll('init');
  });
  afterAll(() => repo.cleanup());

  it('reports every undocumented public function, untouched or not, with coverage per file', () => {
    const run = runCheckJson(repo.dir, ['--all']);
    expect(run.code).toBe(1);
    expect(brief(run.json)).toEqual(['TXB001 svc/notes.py add_note']);
    const { coverage } = run.json as unknown as { coverage: { files: unknown[]; total: unknown } };
    expect(coverage.files).toEqual([
      { file: 'svc/notes.py', publicFunctions: 1, documented: 0, percent: 0 },
      { file: 'svc/orders.py', publicFunctions: 2, documented: 2, percent: 100 },
    ]);
    expect(coverage.total).toEqual({ files: 2, publicFunctions: 3, documented: 2, percent: 66.6 });
  });

  it('prints a table in text', () => {
    const run = runCli(repo.dir, ['check', '--all']);
    expect(run.stdout).toMatch(/svc\/notes\.py:1:5 TXB001/);
    expect(run.stdout).toMatch(/svc\/orders\.py\s+2\s+2\s+100\.0%/);
    expect(run.stdout).toMatch(/total \(2 files\)\s+3\s+2\s+66\.6%/);
  });

  it('exits by coverage with --fail-under', () => {
    expect(runCli(repo.dir, ['check', '--all', '--fail-under', '60']).code).toBe(0);
    const under = runCli(repo.dir, ['check', '--all', '--fail-under', '70']);
    expect(under.code).toBe(1);
    expect(under.stdout).toContain('under --fail-under 70%');
    expect(runCli(repo.dir, ['check', '--all', '--fail-under', 'lots']).code).toBe(2);
    expect(runCli(repo.dir, ['check', '--fail-under', '50']).stderr).toContain('--fail-under goes with --all');
  });

  it('audits the index, restricted by paths', () => {
    repo.write('svc/orders.py', UNDOCUMENTED);
    const unstaged = runCheckJson(repo.dir, ['--all', 'svc/orders.py']);
    expect(brief(unstaged.json)).toEqual([]);
    repo.git('add', 'svc/orders.py');
    const staged = runCheckJson(repo.dir, ['--all', 'svc/orders.py']);
    expect(brief(staged.json)).toEqual(['TXB001 svc/orders.py add_note']);
    repo.git('reset', '-q', '--hard');
  });
});
