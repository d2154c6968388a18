/**
 * `check --fix` writes the suggested sections into the working tree only:
 * the index, HEAD and refs stay as they were, unstaged edits survive byte for
 * byte (also when index and working tree differ around the function), a
 * second run writes nothing more, and the exit status stays 1 until the user
 * stages the result.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo, type RepoSnapshot, snapshotRepo } from '../../helpers/git-repo.js';
import { runCli } from '../../helpers/run-cli.js';

const FILE = 'services/orders.py';

const HEAD = dedent`
  from app.db import session_scope


  def get_order(session, order_id):
      """Return an order.

      Transaction boundary: Read-only, no transaction needed.
      """
      return session.get(Order, order_id)


  def cancel_order(session, order_id):
      """Cancel an order.

      Args:
          order_id: the order to cancel.
      """
      order = session.get(Order, order_id)
      session.delete(order)
`;

/** The staged change: cancel_order is modified and has no section (TXB001, Pattern B). */
const STAGED = HEAD.replace('    session.delete(order)', '    order.status = "cancelled"\n    session.delete(order)');

const SECTION_B = [
  '    Transaction boundary: Single operation, automatically atomic.',
  '        With a session, the caller controls commit and rollback. Without one,',
  '        the function opens its own session_scope() that commits on success.',
  '',
].join('\n');

/** What --fix makes of a text holding cancel_order's docstring as staged. */
const withSection = (text: string) => text.replace('    Args:\n        order_id: the order to cancel.', `${SECTION_B}\n    Args:\n        order_id: the order to cancel.`);

/** The parts of a snapshot that describe git's state rather than the working tree. */
function gitState(snapshot: RepoSnapshot) {
  return { head: snapshot.head, refs: snapshot.refs, stage: snapshot.stage, stagedDiff: snapshot.stagedDiff };
}

/** `-` lines of `git diff` (what the working tree lost against the index), headers left out. */
function removedLines(diff: string): string[] {
  return diff.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---'));
}

/** Root can mount a small tmpfs to run out of space on; elsewhere the full-disk case is skipped. */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Writes to `path` until the file system has no space left. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1024, 0x41);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe('check --fix', { timeout: 60_000 }, () => {
  let repo: GitRepo;
  const fix = (args: string[] = [], cwd = repo.dir) => runCli(cwd, ['check', '--fix', ...args], { env: repo.env });
  beforeAll(() => {
    repo = createRepo({ files: { [FILE]: HEAD }, commit: 'init' });
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.cleanup());

  it('writes the section into the working tree only, and exits 1 so the user reviews and stages', () => {
    repo.stageFile(FILE, STAGED);
    const before = snapshotRepo(repo);

    const { code, stdout, stderr } = fix();
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('fixed services/orders.py: added the Transaction boundary section to cancel_order (Pattern B)\n');
    expect(stdout).toMatch(/wrote 1 section into the working tree, not the index\. Review it with git diff, stage it with git add -p/);
    expect(stdout).not.toContain('help:'); // nothing left to paste by hand

    expect(repo.read(FILE)).toBe(withSection(STAGED));
    const after = snapshotRepo(repo);
    expect(gitState(after)).toEqual(gitState(before));
    expect(repo.git('show', `:${FILE}`)).toBe(STAGED);
    expect(removedLines(after.unstagedDiff)).toEqual([]);
    expect(after.unstagedDiff).toContain(
      SECTION_B.split('\n')
        .map((line) => `+${line}`)
        .join('\n'),
    );
  });

  it('keeps unstaged edits above and inside the function, and lines that differ between index and working tree', () => {
    const working = STAGED.replace('from app.db import session_scope\n', 'import logging\nfrom app.db import session_scope\n')
      .replace('    order.status = "cancelled"\n', '    logging.info("cancelling %s", order_id)\n    order.status = "CANCELLED"  # unstaged\n')
      .replace('def get_order(', '# unstaged comment\ndef get_order(');
    repo.stageFile(FILE, STAGED);
    repo.write(FILE, working);
    const before = snapshotRepo(repo);

    const { code, stdout } = fix();
    expect(code).toBe(1);
    expect(stdout).toContain('fixed services/orders.py: added the Transaction boundary section to cancel_order (Pattern B)');
    expect(repo.read(FILE)).toBe(withSection(working));
    expect(gitState(snapshotRepo(repo))).toEqual(gitState(before));
    expect(repo.git('show', `:${FILE}`)).toBe(STAGED);
    // Every unstaged change is still there, unchanged: only additions joined it.
    expect(removedLines(snapshotRepo(repo).unstagedDiff)).toEqual(removedLines(before.unstagedDiff));
  });

  it('is idempotent: a second run finds the section in the working tree and writes nothing', () => {
    repo.stageFile(FILE, STAGED);
    expect(fix().code).toBe(1);
    const fixed = snapshotRepo(repo);

    const again = fix();
    expect(again.code).toBe(1); // the index still lacks the section
    expect(again.stdout).toContain('unstaged services/orders.py: cancel_order already has the Transaction boundary section in the working tree; stage it\n');
    expect(again.stdout).toMatch(/nothing new to write/);
    expect(snapshotRepo(repo)).toEqual(fixed);
  });

  it('passes once the fix is staged, and then has nothing to do', () => {
    repo.stageFile(FILE, STAGED);
    fix();
    repo.git('add', FILE);
    expect(runCli(repo.dir, ['check'], { env: repo.env }).code).toBe(0);
    const staged = snapshotRepo(repo);
    const { code, stdout } = fix();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ txboundary: 1 modified public function in 1 staged Python file checked, all documented\.\n$/);
    expect(snapshotRepo(repo)).toEqual(staged);
  });

  it('exits 0 and touches nothing when nothing is wrong', () => {
    repo.stageFile(FILE, HEAD.replace('return session.get(Order, order_id)', 'return session.get(Order, int(order_id))'));
    const before = snapshotRepo(repo);
    expect(fix()).toMatchObject({ code: 0, stderr: '' });
    expect(snapshotRepo(repo)).toEqual(before);
  });

  it('skips a function whose docstring was edited in the working tree, and shows the section to paste', () => {
    repo.stageFile(FILE, STAGED);
    repo.write(FILE, STAGED.replace('"""Cancel an order.', '"""Cancel an order (unstaged wording).'));
    const before = snapshotRepo(repo);
    const { code, stdout } = fix();
    expect(code).toBe(1);
    expect(stdout).toContain('TXB001');
    expect(stdout).toContain('help: paste this into the docstring');
    expect(stdout).toMatch(/skipped services\/orders\.py: cancel_order: its `def` line or docstring has unstaged changes, .*; paste the section shown above by hand\n/);
    expect(stdout).toMatch(/nothing written/);
    expect(snapshotRepo(repo)).toEqual(before);
  });

  it('fills an empty header (TXB003), restores a lost section (TXB002) and adds a missing docstring', () => {
    const staged = dedent`
      def get_order(session, order_id):
          """Return an order."""
          return session.get(Order, int(order_id))


      def cancel_order(session, order_id):
          """Cancel an order.

          Transaction boundary:

          Args:
              order_id: the order to cancel.
          """
          order = session.get(Order, order_id)
          session.delete(order)


      def list_orders(session):
          return session.query(Order).all()
    `;
    repo.stageFile(FILE, staged);
    const { code, stdout } = fix();
    expect(code).toBe(1);
    expect(stdout.split('\n').filter((line) => line.startsWith('fixed '))).toEqual([
      'fixed services/orders.py: added the Transaction boundary section back to get_order (Pattern A)',
      'fixed services/orders.py: filled in the empty Transaction boundary section of cancel_order (Pattern B)',
      'fixed services/orders.py: added a docstring with the Transaction boundary section to list_orders (Pattern A)',
    ]);
    const text = repo.read(FILE);
    expect(text.match(/Transaction boundary:/g)).toHaveLength(3);
    expect(text).toContain('def list_orders(session):\n    """List orders.\n\n    Transaction boundary: Read-only, no transaction needed.\n');
    repo.git('add', FILE);
    expect(runCli(repo.dir, ['check'], { env: repo.env }).code).toBe(0);
  });

  it('keeps CRLF line endings and the byte order mark', () => {
    const crlf = `\ufeff${STAGED.replaceAll('\n', '\r\n')}`;
    repo.stageFile(FILE, crlf);
    expect(fix().code).toBe(1);
    const bytes = readFileSync(repo.path(FILE));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(`\ufeff${withSection(STAGED).replaceAll('\n', '\r\n')}`);
    expect(removedLines(snapshotRepo(repo).unstagedDiff)).toEqual([]);
  });

  it.each([
    ['core.autocrlf=true', () => repo.git('config', 'core.autocrlf', 'true')],
    ['*.py eol=crlf', () => repo.write('.gitattributes', '*.py eol=crlf\n')],
  ])('under %s, writes the section and keeps CRLF', (_, configure) => {
    configure();
    try {
      repo.write(FILE, STAGED.replaceAll('\n', '\r\n'));
      repo.git('add', FILE);
      expect(repo.git('show', `:${FILE}`)).toBe(STAGED);
      const { code, stdout } = fix();
      expect(code).toBe(1);
      expect(stdout).toContain('fixed services/orders.py: added the Transaction boundary section to cancel_order');
      expect(readFileSync(repo.path(FILE), 'utf8')).toBe(withSection(STAGED).replaceAll('\n', '\r\n'));
    } finally {
      repo.git('config', 'core.autocrlf', 'false');
    }
  });

  it('replaces the file through a temporary file beside it, keeping its mode and leaving nothing behind', () => {
    repo.stageFile(FILE, STAGED);
    chmodSync(repo.path(FILE), 0o751);
    const inode = statSync(repo.path(FILE)).ino;
    expect(fix().code).toBe(1);
    expect(repo.read(FILE)).toBe(withSection(STAGED));
    expect(statSync(repo.path(FILE)).mode & 0o777).toBe(0o751);
    expect(statSync(repo.path(FILE)).ino).not.toBe(inode);
    expect(readdirSync(repo.path('services'))).toEqual(['orders.py']);
  });

  it('leaves a file with other hard links alone', () => {
    repo.stageFile(FILE, STAGED);
    linkSync(repo.path(FILE), repo.path('services/orders.link'));
    const { code, stdout } = fix();
    expect(code).toBe(1);
    expect(stdout).toContain('other hard links');
    expect(repo.read(FILE)).toBe(STAGED);
  });

  // A full disk: the old in-place write emptied the file first and lost its unstaged lines.
  it.skipIf(!canMountTmpfs())('on a full disk, leaves the file byte for byte as it was and says so', () => {
    const dir = repo.path('full');
    mkdirSync(dir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    try {
      const file = 'full/orders.py';
      repo.stageFile(file, STAGED);
      // Unstaged lines that fill the file's last page exactly: any longer version needs a page the disk lacks.
      const unstaged = `${STAGED}# unstaged\n`;
      const working = `${unstaged}${'#'.repeat(4096 - ((Buffer.byteLength(unstaged) + 1) % 4096))}\n`;
      repo.write(file, working);
      expect(statSync(repo.path(file)).size % 4096).toBe(0);
      fillDisk(join(dir, 'filler'));
      const { code, stdout } = fix();
      expect(code).toBe(1);
      expect(stdout).toMatch(/skipped full\/orders\.py: cancel_order: it cannot be written \(.*ENOSPC.*\); the file is unchanged/);
      expect(readFileSync(repo.path(file), 'utf8')).toBe(working);
      expect(readdirSync(dir).sort()).toEqual(['filler', 'orders.py']);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  it('writes a latin-1 file back in latin-1', () => {
    const source = '# -*- coding: latin-1 -*-\n\n\ndef annuler(session, order):\n    """Annule la commande créée."""\n    session.delete(order)\n';
    repo.stageFile(FILE, Buffer.from(source, 'latin1'));
    const { code, stdout } = fix();
    expect(code).toBe(1);
    expect(stdout).toContain('fixed services/orders.py: added the Transaction boundary section to annuler (Pattern B)');
    const expected = source.replace('    """Annule la commande créée."""\n', `    """Annule la commande créée.\n\n${SECTION_B}    """\n`);
    expect(readFileSync(repo.path(FILE))).toEqual(Buffer.from(expected, 'latin1'));
  });

  it('skips a file deleted from the working tree or replaced by a symlink, and never touches the index', () => {
    repo.stageFile(FILE, STAGED);
    repo.remove(FILE);
    let before = snapshotRepo(repo);
    let result = fix();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('skipped services/orders.py: cancel_order: it was deleted from the working tree');
    expect(snapshotRepo(repo)).toEqual(before);

    repo.write('elsewhere.py', STAGED);
    symlinkSync('../elsewhere.py', repo.path(FILE));
    before = snapshotRepo(repo);
    result = fix();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('skipped services/orders.py: cancel_order: it is a symbolic link in the working tree');
    expect(snapshotRepo(repo)).toEqual(before);

    // A symlinked directory: git does not look through it, and neither does --fix.
    repo.remove('services');
    repo.write('outside/orders.py', STAGED);
    symlinkSync('outside', repo.path('services'));
    before = snapshotRepo(repo);
    result = fix();
    expect(result.stdout).toContain('skipped services/orders.py: cancel_order: it sits below a symbolic link in the working tree');
    expect(repo.read('outside/orders.py')).toBe(STAGED);
    expect(snapshotRepo(repo)).toEqual(before);
  });

  it('writes nothing when the result would not parse back, e.g. a custom template with triple quotes', () => {
    repo.write('.txboundaryrc.json', JSON.stringify({ templates: { B: 'Single operation.\nSee """the guide""".' } }));
    repo.stageFile(FILE, STAGED);
    const before = snapshotRepo(repo);
    const { code, stdout } = fix();
    expect(code).toBe(1);
    expect(stdout).toContain('skipped services/orders.py: cancel_order: with the section in place, the docstring would not parse back');
    expect(snapshotRepo(repo)).toEqual(before);
  });

  it('works from a subdirectory with a relative path, writing the file at the top level and naming it from there', () => {
    repo.stageFile(FILE, STAGED);
    const { code, stdout } = fix(['orders.py'], repo.path('services'));
    expect(code).toBe(1);
    expect(stdout).toContain('fixed orders.py: added the Transaction boundary section to cancel_order (Pattern B)\n');
    expect(repo.read(FILE)).toBe(withSection(STAGED));
  });

  it.each([
    [['--base', 'main'], /--fix goes with the staged check, not --base/],
    [['--all'], /--fix goes with the staged check, not --all/],
    [['--format', 'json'], /--fix prints a text report, not json/],
  ])('refuses %j as a usage error (exit 2)', (args, message) => {
    repo.stageFile(FILE, STAGED);
    const before = snapshotRepo(repo);
    const { code, stdout, stderr } = fix(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(snapshotRepo(repo)).toEqual(before);
  });
});
