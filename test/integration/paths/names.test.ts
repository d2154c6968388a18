/**
 * File and directory names the existing path tests (path-arguments.test.ts)
 * do not cover: a directory named like an option, 200-character paths, the
 * NFC and NFD spellings of one name, a dash at the top level, a repository
 * whose own path holds a newline, and a checkout reached through a symlink.
 * Every run also proves the check left the repository untouched.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, createTempDir, type GitRepo } from '../../helpers/git-repo.js';
import { checkUntouched, cliUntouched, expectFailClosed, initRepoAt, verdict } from '../../helpers/edge.js';

/** Two functions: editing `handle` must not flag `untouched`. */
const LEGACY = 'def handle(session, item):\n    session.add(item)\n\n\ndef untouched(session):\n    return 1\n';
const EDITED = LEGACY.replace('session.add(item)', 'session.merge(item)');
/**
 * A new file must not be a byte-for-byte copy of a modified one: `-C` would
 * pair them as a copy and compare the new file with its source.
 */
const FRESH = 'def create(session, data):\n    session.add(Order(**data))\n';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# names\n' }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

describe('a directory named like an option (`--force/`)', { timeout: 30_000 }, () => {
  it('is checked, and can be passed after `--` or as `./--force`', () => {
    repo.commitFile('--force/legacy.py', LEGACY);
    repo.stageFile('--force/legacy.py', EDITED);
    repo.stageFile('--force/orders.py', FRESH);
    const all = checkUntouched(repo);
    expect(verdict(all)).toEqual(['TXB001 create@--force/orders.py:1', 'TXB001 handle@--force/legacy.py:1']);
    expect(all.code).toBe(1);
    expect(verdict(checkUntouched(repo, ['--', '--force/legacy.py']))).toEqual(['TXB001 handle@--force/legacy.py:1']);
    expect(verdict(checkUntouched(repo, ['./--force']))).toEqual(verdict(all));
  });

  it('without `--` it is an unknown option: exit 2 with one clear line, nothing checked', () => {
    repo.stageFile('--force/orders.py', LEGACY);
    expectFailClosed(cliUntouched(repo, ['check', '--force/orders.py']), /--force\/orders\.py/);
  });
});

describe('200-character paths', { timeout: 30_000 }, () => {
  const deep = `${Array.from({ length: 10 }, (_, i) => `segment_${String(i).padStart(2, '0')}_${'d'.repeat(8)}`).join('/')}/leaf.py`;
  const longName = `svc/${'n'.repeat(197)}.py`;

  it('a deep path and a 200-character file name keep their hunks and their exact names', () => {
    expect(deep.length).toBeGreaterThanOrEqual(200);
    expect(longName.split('/')[1]?.length).toBe(200);
    for (const path of [deep, longName]) repo.commitFile(path, LEGACY);
    for (const path of [deep, longName]) repo.stageFile(path, EDITED);
    const run = checkUntouched(repo);
    expect(verdict(run)).toEqual([`TXB001 handle@${deep}:1`, `TXB001 handle@${longName}:1`].sort());
    expect(verdict(checkUntouched(repo, [repo.path(longName)]))).toEqual([`TXB001 handle@${longName}:1`]);
  });
});

describe('more paths than one command line should carry', { timeout: 60_000 }, () => {
  // Over 100 kB of path names: src/git/staged-change.ts stops passing them as
  // a pathspec and diffs everything; the hunks must still land on the right files.
  it('520 modified files with 200-character names: each one reports exactly its edited function', () => {
    const paths = Array.from({ length: 520 }, (_, i) => `bulk/${String(i).padStart(4, '0')}_${'p'.repeat(187)}.py`);
    expect(paths.reduce((sum, path) => sum + path.length + 1, 0)).toBeGreaterThan(100_000);
    const bulk = createRepo();
    try {
      for (const path of paths) bulk.write(path, LEGACY);
      bulk.commitAll('bulk');
      for (const path of paths) bulk.write(path, EDITED);
      bulk.git('add', 'bulk');
      const run = checkUntouched(bulk);
      expect(verdict(run)).toEqual(paths.map((path) => `TXB001 handle@${path}:1`).sort());
      expect(run.json.summary.filesChecked).toBe(520);
    } finally {
      bulk.cleanup();
    }
  });
});

describe('unicode normalisation: NFC and NFD spellings are two files on Linux', { timeout: 30_000 }, () => {
  const nfc = 'svc/caf\u00e9.py';
  const nfd = 'svc/cafe\u0301.py';

  it('each keeps its own bytes, its own hunks and its own path argument', () => {
    expect(nfc).not.toBe(nfd);
    expect(nfc.normalize('NFD')).toBe(nfd);
    repo.commitFile(nfc, LEGACY);
    repo.commitFile(nfd, LEGACY);
    repo.stageFile(nfd, EDITED);
    const run = checkUntouched(repo);
    expect(run.json.violations.map((v) => v.file)).toEqual([nfd]);
    expect(verdict(run)).toEqual([`TXB001 handle@${nfd}:1`]);
    // The NFC spelling names the other file, with nothing staged: it is checked whole, alone (README, "With the pre-commit framework").
    const onlyNfc = checkUntouched(repo, [nfc]);
    expect(onlyNfc.json.summary.filesChecked).toBe(1);
    expect(new Set(onlyNfc.json.violations.map((v) => v.file))).toEqual(new Set([nfc]));
    expect(verdict(checkUntouched(repo, [nfd]))).toEqual([`TXB001 handle@${nfd}:1`]);
  });

  it('a rename from the NFC to the NFD spelling is a pure rename: nothing to report', () => {
    repo.commitFile('svc/r\u00e9sum\u00e9.py', LEGACY);
    repo.git('mv', 'svc/r\u00e9sum\u00e9.py', 'svc/re\u0301sume\u0301.py');
    const run = checkUntouched(repo);
    expect(run.json.violations).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('a leading dash at the top level (`-x.py`)', { timeout: 30_000 }, () => {
  it('is checked, with its hunks, and can be passed after `--` or as `./-x.py`', () => {
    repo.commitFile('-x.py', LEGACY);
    repo.stageFile('-x.py', EDITED);
    repo.stageFile('-new.py', FRESH);
    expect(verdict(checkUntouched(repo))).toEqual(['TXB001 create@-new.py:1', 'TXB001 handle@-x.py:1']);
    expect(verdict(checkUntouched(repo, ['--', '-x.py']))).toEqual(['TXB001 handle@-x.py:1']);
    expect(verdict(checkUntouched(repo, ['./-x.py']))).toEqual(['TXB001 handle@-x.py:1']);
  });
});

describe('where the repository itself lives', { timeout: 30_000 }, () => {
  // Regression test for a bug found by this suite.
  it('a repository whose directory name contains a newline is checked like any other', () => {
    const temp = createTempDir();
    try {
      const odd = initRepoAt(join(temp.dir, 'team\nrepo'), join(temp.dir, 'home'));
      odd.commitAll('init');
      odd.stageFile('svc.py', LEGACY);
      const run = checkUntouched(odd);
      expect(verdict(run)).toEqual(['TXB001 handle@svc.py:1', 'TXB001 untouched@svc.py:5']);
    } finally {
      temp.cleanup();
    }
  });

  it('started from a symlink to the checkout, with relative paths', () => {
    const temp = createTempDir();
    try {
      const link = join(temp.dir, 'link-to-repo');
      symlinkSync(repo.dir, link);
      repo.commitFile('svc/linked.py', LEGACY);
      repo.stageFile('svc/linked.py', EDITED);
      const viaLink = checkUntouched(repo, ['linked.py'], { cwd: join(link, 'svc') });
      expect(verdict(viaLink)).toEqual(['TXB001 handle@svc/linked.py:1']);
    } finally {
      temp.cleanup();
    }
  });
});
