/**
 * A developer's git configuration must not change what the hook sees: diff
 * prefixes, colours, rename detection, external diff drivers, textconv,
 * path quoting and `diff.relative` are all things people set globally. The
 * same staged change must give the same findings with and without them.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, snapshotRepo, type GitRepo } from '../../helpers/git-repo.js';
import { runCheckJson } from '../../helpers/run-cli.js';

const DOCUMENTED = dedent`
  def get_account(session, account_id):
      """Return an account.

      Transaction boundary: Read-only, no transaction needed.
          Safe without a session.
      """
      return session.get(Account, account_id)


  def close_account(session, account):
      """Close an account.

      Transaction boundary: Single operation, automatically atomic.
          With a session the caller controls commit/rollback.
      """
      account.closed = True
      session.add(account)


  def list_accounts(session):
      """List accounts.

      Transaction boundary: Read-only, no transaction needed.
      """
      return session.query(Account).all()
`;

const LEGACY = dedent`
  def load(session, key):
      return session.get(Item, key)


  def store(session, item):
      session.add(item)


  def count(session):
      return session.query(Item).count()
`;

const HOSTILE_GITCONFIG = `
[color]
  ui = always
  diff = always
  status = always
[diff]
  noprefix = true
  mnemonicPrefix = true
  srcPrefix = SRC/
  dstPrefix = DST/
  relative = true
  renames = false
  external = /bin/false
  context = 0
  interHunkContext = 50
  algorithm = patience
  suppressBlankEmpty = true
  colorMoved = zebra
  wsErrorHighlight = all
  indentHeuristic = false
[diff "py"]
  textconv = sed s/session/SESSION/g
[core]
  quotePath = true
  pager = false
  whitespace = trailing-space,space-before-tab,cr-at-eol
[status]
  relativePaths = true
  renames = false
  showUntrackedFiles = no
[log]
  showSignature = true
[format]
  pretty = oneline
[grep]
  lineNumber = true
[advice]
  detachedHead = true
`;

describe('hostile user configuration', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  let clean: ReturnType<typeof runCheckJson>;
  let hostileEnv: NodeJS.ProcessEnv;

  beforeAll(() => {
    repo = createRepo({
      files: {
        'pkg/accounts.py': DOCUMENTED,
        'pkg/ältere Dienste.py': LEGACY,
        'pkg/sub/items.py': LEGACY,
        // Common in real repos: a diff driver for Python (here with a textconv that rewrites content).
        '.gitattributes': '*.py diff=py\n',
      },
      commit: 'init',
    });
    // A rename that loses a section, an edit in a file with a quoted name, and an edit in a subdirectory.
    repo.git('mv', 'pkg/accounts.py', 'pkg/account_service.py');
    repo.stageFile(
      'pkg/account_service.py',
      DOCUMENTED.replace('    Transaction boundary: Single operation, automatically atomic.\n        With a session the caller controls commit/rollback.\n', ''),
    );
    repo.stageFile('pkg/ältere Dienste.py', LEGACY.replace('session.add(item)', 'session.merge(item)'));
    repo.stageFile('pkg/sub/items.py', LEGACY.replace('.count()', '.count() or 0'));
    clean = runCheckJson(repo.dir);

    hostileEnv = {
      ...repo.env,
      GIT_EXTERNAL_DIFF: '/bin/false',
      GIT_DIFF_OPTS: '--unified=0',
      GIT_PAGER: 'false',
      PAGER: 'false',
    };
  });
  afterAll(() => repo.cleanup());

  it('the clean baseline finds what the scenario contains', () => {
    expect(clean.json.violations.map((v) => `${v.code} ${v.file} ${v.function}`).sort()).toEqual([
      'TXB001 pkg/sub/items.py count',
      'TXB001 pkg/ältere Dienste.py store',
      'TXB002 pkg/account_service.py close_account',
    ]);
    expect(clean.code).toBe(1);
  });

  function withHostileConfig(cwd: string): void {
    writeFileSync(`${repo.home}/.gitconfig`, HOSTILE_GITCONFIG);
    try {
      // The config really is in effect for git itself.
      expect(repo.run(['config', '--get', 'diff.noprefix'], { env: hostileEnv }).stdout.trim()).toBe('true');
      const before = snapshotRepo(repo);
      const hostile = runCheckJson(cwd, [], { env: hostileEnv });
      expect(hostile.json.violations).toEqual(clean.json.violations);
      expect(hostile.json.errors).toEqual(clean.json.errors);
      expect(hostile.code).toBe(clean.code);
      expect(snapshotRepo(repo)).toEqual(before);
    } finally {
      writeFileSync(`${repo.home}/.gitconfig`, '');
    }
  }

  it('a hostile ~/.gitconfig and GIT_* diff variables change nothing', () => {
    withHostileConfig(repo.dir);
  });

  it('... also when run from a subdirectory (diff.relative=true in effect)', () => {
    withHostileConfig(repo.path('pkg/sub'));
  });

  it('repository-local config and attributes (-diff, binary) change nothing either', () => {
    repo.git('config', 'diff.noprefix', 'true');
    repo.git('config', 'color.diff', 'always');
    repo.git('config', 'diff.renames', 'false');
    repo.write('.git/info/attributes', '*.py -diff\n');
    try {
      const local = runCheckJson(repo.dir);
      expect(local.json.violations).toEqual(clean.json.violations);
      expect(local.code).toBe(clean.code);
    } finally {
      repo.remove('.git/info/attributes');
      repo.git('config', '--unset', 'diff.noprefix');
      repo.git('config', '--unset', 'color.diff');
      repo.git('config', '--unset', 'diff.renames');
    }
  });
});
