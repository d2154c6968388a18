/**
 * README, "When txboundary refuses": a change txboundary cannot verify
 * blocks (TXB000) or stops the run (exit 2); it never passes silently.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRepo, dedent, type GitRepo } from '../../helpers/git-repo.js';
import { brief, CLI_PATH, runCheckJson, runCli } from '../../helpers/run-cli.js';

const DOCUMENTED = dedent`
  def cancel_order(order_id, session=None):
      """Cancel an order.

      Transaction boundary: Single operation, automatically atomic.
      """
      return order_id
`;

const NEW_FUNCTION = dedent`


  def add_note(session, text):
      session.add(Note(text=text))
`;

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': 'x\n' }, commit: 'init' });
});
afterAll(() => repo.cleanup());
beforeEach(() => repo.reset());

const latin = (text: string) => Buffer.from(text, 'latin1');

describe('a file txboundary cannot decode', () => {
  it.each([
    ['a coding cookie it does not read (cp850)', latin(`# -*- coding: cp850 -*-\n"""Caf\x82."""\n\n\n${DOCUMENTED}`), /cp850.*does not read/],
    ['an invalid UTF-8 byte on an untouched line', latin(`"""Caf\xe9."""\n\n\n${DOCUMENTED}`), /not valid UTF-8/],
    ['a NUL byte on an untouched line', latin(`# \0\n${DOCUMENTED}`), /NUL/],
  ])('%s: TXB000 in staged mode, range mode and the audit, naming the reason and `exclude`', (_, head, reason) => {
    repo.commitFile('services/legacy.py', head);
    repo.stageFile('services/legacy.py', Buffer.concat([head, Buffer.from(NEW_FUNCTION)]));
    const expected = [expect.objectContaining({ code: 'TXB000', file: 'services/legacy.py', message: expect.stringMatching(reason) })];
    const staged = runCheckJson(repo.dir, [], { env: repo.env });
    expect(staged.json.violations).toEqual(expected);
    expect(staged.json.violations[0]?.message).toMatch(/`exclude`/);
    expect(staged.code).toBe(1);

    repo.git('commit', '-q', '--no-verify', '-m', 'edit');
    const range = runCheckJson(repo.dir, ['--base', 'HEAD~1'], { env: repo.env });
    expect(range.json.violations).toEqual(expected);
    expect(range.code).toBe(1);
    const audit = runCheckJson(repo.dir, ['--all'], { env: repo.env });
    expect(audit.json.violations).toEqual(expected);
    expect(audit.code).toBe(1);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });
});

describe('a broken statement near a changed function', () => {
  it.each([['if os.environ.get("DEBUG")'], ['class Foo'], ['def foo()'], ['for item in items'], ['with open(path) as f']])(
    'below `%s` without its colon, a function that lost its section is TXB002',
    (broken) => {
      repo.commitFile('services/orders.py', `import os\n${broken}\n\n\n${DOCUMENTED}`);
      const staged = `import os\n${broken}\n\n\n${DOCUMENTED.replace(/\n\n {4}Transaction boundary:.*\n/, '\n').replace('return order_id', 'session.add(order_id)')}`;
      repo.stageFile('services/orders.py', staged);
      const run = runCheckJson(repo.dir, [], { env: repo.env });
      expect(brief(run.json)).toEqual([expect.stringMatching(/^TXB002 .*cancel_order/)]);
      expect(run.code).toBe(1);
    },
  );

  it.each([
    [
      'an IndentationError between a decorator and its def',
      'class Store:\n    @staticmethod\n    def load(key):\n        """Load.\n\n        Transaction boundary: Read-only, no transaction needed.\n        """\n        return key\n',
      (text: string) => text.replace('    @staticmethod\n', '    @staticmethod\n  x = 1\n'),
      3,
    ],
    ['a TabError', 'def f(x):\n    if x:\n        y = 1\n    return x\n', (text: string) => text.replace('        y = 1', '\ty = 1'), 3],
    ["a 'return' outside a function", 'x = 1\n', (text: string) => `${text}return x\n`, 2],
  ])('%s on a staged line: TXB000 at that line', (_, head, edit, line) => {
    repo.commitFile('services/store.py', head);
    repo.stageFile('services/store.py', edit(head));
    const run = runCheckJson(repo.dir, [], { env: repo.env });
    expect(run.json.violations).toEqual([expect.objectContaining({ code: 'TXB000', line })]);
    expect(run.code).toBe(1);
  });
});

describe('paths that name nothing', () => {
  it.each([['nope.py'], ['services\\orders.py'], ['missing/dir']])('`check %s` stops with exit 2, naming the path', (given) => {
    repo.stageFile('services/paths.py', `${DOCUMENTED}${NEW_FUNCTION}`);
    const run = runCli(repo.dir, ['check', given], { env: repo.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${given}: no such file in the index or the working tree`);
    if (given.includes('\\')) expect(run.stderr).toMatch(/separate directories with "\/"/);
  });

  it('a path only in the index (deleted from the working tree, not staged) is no usage error', () => {
    repo.commitFile('services/index_only.py', DOCUMENTED);
    repo.remove('services/index_only.py');
    expect(runCli(repo.dir, ['check', 'services/index_only.py'], { env: repo.env }).code).toBe(0);
  });
});

describe('a process without a home', () => {
  const VIOLATING = `${DOCUMENTED}${NEW_FUNCTION}`;

  it('works with HOME unset: nothing is kept between runs', () => {
    repo.stageFile('services/homeless.py', VIOLATING);
    const run = runCheckJson(repo.dir, [], { env: { ...repo.env, HOME: undefined, XDG_CACHE_HOME: undefined } });
    expect(brief(run.json)).toEqual([expect.stringMatching(/^TXB001 add_note@services\/homeless\.py/)]);
    expect(run.code).toBe(1);
  });

  it('keeps nothing between runs: a FIFO where a cache used to live, or a relative TXBOUNDARY_CACHE_DIR, changes nothing', () => {
    repo.stageFile('services/stateless.py', VIOLATING);
    const cache = join(repo.home, '.cache', 'txboundary');
    mkdirSync(cache, { recursive: true });
    execFileSync('mkfifo', [join(cache, 'clean-blocks.bin')]);
    const run = runCheckJson(repo.dir, [], { env: { ...repo.env, TXBOUNDARY_CACHE_DIR: 'cache-here' } });
    expect(run.code).toBe(1);
    expect(existsSync(repo.path('cache-here'))).toBe(false);
    expect(readdirSync(cache)).toEqual(['clean-blocks.bin']);
  });

  it.skipIf(process.getuid?.() !== 0)('works as a uid with no passwd entry (containers, CI)', () => {
    repo.stageFile('services/nobody.py', VIOLATING);
    // The other user must be able to read the repository and its temporary parents.
    for (let dir = repo.dir; dir !== dirname(dir) && dir.includes('txb-'); dir = dirname(dir)) chmodSync(dir, 0o755);
    chmodRecursive(repo.dir);
    const env = { ...repo.env, HOME: undefined, NO_COLOR: '1', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
    for (const key of Object.keys(env)) if (env[key as keyof typeof env] === undefined) delete env[key as keyof typeof env];
    const result = spawnSync(process.execPath, [CLI_PATH, 'check', '--format', 'json'], { cwd: repo.dir, env, encoding: 'utf8', uid: 54_321, gid: 54_321 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).violations.map((v: { code: string }) => v.code)).toEqual(['TXB001']);
  });
});

function chmodRecursive(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      chmodSync(path, 0o755);
      chmodRecursive(path);
    } else if (entry.isFile()) chmodSync(path, 0o644);
  }
}

describe('a pattern too costly to match', () => {
  it('an exclude glob with many wildcards in one segment stops with exit 2 before matching anything, naming it', () => {
    repo.write('.txboundaryrc.json', JSON.stringify({ exclude: ['**/*a*a*a*a*a*a*a*a*a*ab.py'] }));
    repo.stageFile(`services/${'a'.repeat(40)}.py`, `${DOCUMENTED}${NEW_FUNCTION}`);
    const run = runCli(repo.dir, ['check'], { env: repo.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"*a*a*a*a*a*a*a*a*a*ab.py" has 10 "*" wildcards in one path segment');
  });
});
