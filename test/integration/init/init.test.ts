/**
 * `txboundary init` in real temporary git repositories: what it writes, that
 * it never overwrites, that a second run and `--dry-run` change no byte, and
 * that the result blocks a real `git commit` through husky.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { validateConfig } from '../../../src/config/validate.js';
import { GitError, UserError } from '../../../src/errors.js';
import type { Git } from '../../../src/git/exec.js';
import { runInit } from '../../../src/init/index.js';
import { PRE_COMMIT_SNIPPET } from '../../../src/init/pre-commit-framework.js';
import { createRepo, createTempDir, dedent, type GitRepo, sharedHermeticEnv, snapshotRepo } from '../../helpers/git-repo.js';
import { CLI_PATH } from '../../helpers/run-cli.js';

const HUSKY_BIN = fileURLToPath(new URL('../../../node_modules/husky/bin.js', import.meta.url));

/** A git runner like `createGit`, but with the test's hermetic environment. */
function hermeticGit(cwd: string, env: NodeJS.ProcessEnv): Git {
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', [...args], { cwd, env });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', reject);
      // git may exit before reading stdin; its exit status tells that story better than EPIPE.
      child.stdin.on('error', () => {});
      child.on('close', (code) => {
        const exitCode = code ?? 128;
        const text = Buffer.concat(stderr).toString('utf8');
        if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) resolve({ stdout: Buffer.concat(stdout), stderr: text, exitCode });
        else reject(new GitError(args, text, exitCode));
      });
      child.stdin.end(options.input ?? '');
    });
}

interface InitRun {
  status: number;
  output: string;
}

async function init(repo: GitRepo, options: { dryRun?: boolean; cwd?: string } = {}): Promise<InitRun> {
  const cwd = options.cwd === undefined ? repo.dir : repo.path(options.cwd);
  let output = '';
  const status = await runInit({
    cwd,
    dryRun: options.dryRun ?? false,
    out: (text) => {
      output += text;
    },
    version: '0.1.0',
    git: hermeticGit(cwd, repo.env),
  });
  return { status, output };
}

const PYTHON_PROJECT = {
  'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0.0"\n',
  'shop/__init__.py': '',
  'shop/orders.py': dedent`
    def get_order(session, order_id):
        """Load one order.

        Transaction boundary: Read-only, no transaction needed.
        """
        return session.get(Order, order_id)
  `,
  '.gitignore': '__pycache__/\n.venv/\n',
};

const UNDOCUMENTED = dedent`
  def create_order(session, data):
      order = Order(**data)
      session.add(order)
      return order
`;

let repos: { cleanup(): void }[] = [];
function repoWith(files: Record<string, string> = PYTHON_PROJECT): GitRepo {
  const repo = createRepo({ files, commit: 'init' });
  repos.push(repo);
  return repo;
}
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

describe('txboundary init', () => {
  it('sets up a fresh Python repository that has no package.json', async () => {
    const repo = repoWith();
    const { status, output } = await init(repo);
    expect(status, output).toBe(0);

    expect(JSON.parse(repo.read('package.json'))).toEqual({
      name: 'repo',
      private: true,
      devDependencies: { husky: '^9.1.7', txboundary: '^0.1.0' },
      scripts: { prepare: 'husky' },
    });
    expect(repo.read('.husky/pre-commit')).toMatch(/^# .*\n# Bypass once: git commit --no-verify .*\ntxboundary check\n$/);
    expect(repo.read('.gitignore')).toBe('__pycache__/\n.venv/\nnode_modules/\n');
    const config = validateConfig(JSON.parse(repo.read('.txboundaryrc.json')), { file: '.txboundaryrc.json', keyPath: [], format: 'json' });
    expect(config).toEqual({ ok: true, config: DEFAULT_CONFIG });
    expect(repo.read('pyproject.toml')).toBe(PYTHON_PROJECT['pyproject.toml']);

    expect(output).toContain(`txboundary init: setting up ${repo.dir}`);
    expect(output).toMatch(/create {2}package\.json {8}/);
    expect(output).toMatch(/append {2}\.gitignore {10}add node_modules\//);
    expect(output).toContain('create  .husky/pre-commit   runs txboundary check before each commit');
    expect(output).toContain('git add package.json .gitignore .husky/pre-commit .txboundaryrc.json package-lock.json');
    expect(output).toContain('npm install');
    expect(output).toContain('git commit --no-verify');
  });

  it('updates an existing package.json in its own layout, keeping other scripts and the prepare script', async () => {
    const packageJson = [
      '{',
      '    "name": "shop-tools",',
      '    "private": true,',
      '    "scripts": {',
      '        "prepare": "python -m pip install -e .",',
      '        "lint": "ruff check ."',
      '    },',
      '    "devDependencies": {',
      '        "husky": "^9.0.0"',
      '    }',
      '}',
      '',
    ].join('\n');
    const repo = repoWith({ ...PYTHON_PROJECT, 'package.json': packageJson });
    const { status, output } = await init(repo);
    expect(status, output).toBe(0);
    expect(repo.read('package.json')).toBe(
      [
        '{',
        '    "name": "shop-tools",',
        '    "private": true,',
        '    "scripts": {',
        '        "prepare": "python -m pip install -e . && husky",',
        '        "lint": "ruff check ."',
        '    },',
        '    "devDependencies": {',
        '        "husky": "^9.0.0",',
        '        "txboundary": "^0.1.0"',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    expect(output).toContain('update  package.json        add devDependencies.txboundary, scripts.prepare');
  });

  it('appends the command once to a hook that runs other commands', async () => {
    const hook = 'npm test\nnpx ruff check .';
    const repo = repoWith({ ...PYTHON_PROJECT, '.husky/pre-commit': hook });
    const first = await init(repo);
    expect(first.status, first.output).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe(`${hook}\ntxboundary check\n`);
    expect(first.output).toContain("append  .husky/pre-commit   add `txboundary check` after the hook's 2 commands");

    const second = await init(repo);
    expect(repo.read('.husky/pre-commit')).toBe(`${hook}\ntxboundary check\n`);
    expect(second.output).toContain('skip    .husky/pre-commit   already runs txboundary');
  });

  it('does not touch a hook that ends with exec: it says which line to add where, and exits 0 (a step to do is no failure)', async () => {
    const hook = '# lint the staged files\nnpm test\nexec npx lint-staged\n';
    const repo = repoWith({ ...PYTHON_PROJECT, '.husky/pre-commit': hook });
    const { status, output } = await init(repo);
    expect(status).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe(hook);
    expect(output).toContain('manual  .husky/pre-commit   ends with `exec npx lint-staged` (line 3): exec replaces the shell, so nothing after it runs');
    expect(output).toContain('Add this line to .husky/pre-commit above line 3, then run txboundary init again:\n\n          txboundary check\n');
    // The rest is done: the next run only repeats the manual step.
    expect(existsSync(repo.path('package.json'))).toBe(true);
    expect(existsSync(repo.path('.txboundaryrc.json'))).toBe(true);

    repo.write('.husky/pre-commit', '# lint the staged files\nnpm test\ntxboundary check\nexec npx lint-staged\n');
    const after = await init(repo);
    expect(after.status, after.output).toBe(0);
    expect(after.output).toContain('git add package.json .gitignore .husky/pre-commit .txboundaryrc.json package-lock.json');
  });

  it('writes no starter config when pyproject.toml has [tool.txboundary]', async () => {
    const pyproject = '[project]\nname = "shop"\n\n[tool.txboundary]\nexclude = ["migrations/**"]\n';
    const repo = repoWith({ ...PYTHON_PROJECT, 'pyproject.toml': pyproject });
    const { status, output } = await init(repo);
    expect(status, output).toBe(0);
    expect(existsSync(repo.path('.txboundaryrc.json'))).toBe(false);
    expect(repo.read('pyproject.toml')).toBe(pyproject);
    expect(output).toContain('skip    .txboundaryrc.json  not needed: pyproject.toml has a [tool.txboundary] table');
  });

  it('never overwrites an existing .txboundaryrc.json', async () => {
    const repo = repoWith({ ...PYTHON_PROJECT, '.txboundaryrc.json': '{ "section": "Tx" }' });
    await init(repo);
    expect(repo.read('.txboundaryrc.json')).toBe('{ "section": "Tx" }');
  });

  it('with a .pre-commit-config.yaml, installs no husky and prints the local hook to add', async () => {
    const preCommit = 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.9\n    hooks:\n      - id: ruff\n';
    const repo = repoWith({ ...PYTHON_PROJECT, '.pre-commit-config.yaml': preCommit });
    const { status, output } = await init(repo);
    expect(status).toBe(0);
    expect(existsSync(repo.path('.husky'))).toBe(false);
    expect(JSON.parse(repo.read('package.json'))).toEqual({ name: 'repo', private: true, devDependencies: { txboundary: '^0.1.0' } });
    expect(repo.read('.pre-commit-config.yaml')).toBe(preCommit);
    expect(output).toContain('manual  .pre-commit-config.yaml');
    for (const line of PRE_COMMIT_SNIPPET) expect(output).toContain(line);
    expect(output).toContain('SKIP=txboundary git commit');
  });

  it('--dry-run prints the plan with what would be written, and writes nothing', async () => {
    const repo = repoWith({ ...PYTHON_PROJECT, 'package.json': '{\n  "name": "shop"\n}\n' });
    const before = snapshotRepo(repo);
    const { status, output } = await init(repo, { dryRun: true });
    expect(status, output).toBe(0);
    expect(snapshotRepo(repo)).toEqual(before);
    expect(output).toContain(`txboundary init --dry-run: the plan for ${repo.dir} (nothing is written)`);
    expect(output).toContain('update  package.json        add devDependencies.txboundary, devDependencies.husky, scripts.prepare');
    expect(output).toContain('      scripts.prepare: "husky"');
    expect(output).toContain('create  .husky/pre-commit   runs txboundary check before each commit');
    expect(output).toContain('      txboundary check');
    expect(output).toContain('create  .txboundaryrc.json');
    expect(output).toContain('Run txboundary init without --dry-run to do this.');
  });

  it('a second run reports everything as done and changes no byte', async () => {
    const repo = repoWith({ ...PYTHON_PROJECT, 'package.json': '{\n\t"name": "shop",\n\t"scripts": {"prepare": "make"}\n}' });
    expect((await init(repo)).status).toBe(0);
    const after = snapshotRepo(repo);
    const bytes = readFileSync(repo.path('package.json'));
    const second = await init(repo);
    expect(second.status).toBe(0);
    expect(snapshotRepo(repo)).toEqual(after);
    expect(readFileSync(repo.path('package.json')).equals(bytes)).toBe(true);
    expect(second.output.match(/^ {2}skip /gm)).toHaveLength(4);
    // Written by the first run, not committed yet: still the files to commit.
    expect(second.output).toContain('git add package.json .gitignore .husky/pre-commit .txboundaryrc.json package-lock.json');
    repo.git('add', 'package.json', '.gitignore', '.husky/pre-commit', '.txboundaryrc.json');
    repo.git('commit', '-q', '-m', 'set up txboundary');
    expect((await init(repo)).output).toContain('Nothing to do: txboundary is already set up here.');
    expect((await init(repo, { dryRun: true })).output).toContain('Nothing to do');
  });

  it('acts at the top level when run from a subdirectory', async () => {
    const repo = repoWith();
    const { status, output } = await init(repo, { cwd: 'shop' });
    expect(status, output).toBe(0);
    for (const file of ['package.json', '.husky/pre-commit', '.txboundaryrc.json']) expect(existsSync(repo.path(file)), file).toBe(true);
    expect(existsSync(repo.path('shop/package.json'))).toBe(false);
    expect(output).toContain(`setting up ${repo.dir}`);
  });

  it('stops outside a git repository, writing nothing (the CLI exits 2 on a UserError)', async () => {
    const plain = createTempDir();
    repos.push(plain);
    const run = runInit({ cwd: plain.dir, dryRun: false, out: () => {}, version: '0.1.0', git: hermeticGit(plain.dir, sharedHermeticEnv()) });
    await expect(run).rejects.toThrowError(UserError);
    await expect(run).rejects.toThrowError(/^not inside a git repository/);
    expect(existsSync(`${plain.dir}/package.json`)).toBe(false);
  });

  it('stops on an invalid package.json, naming the position, and changes nothing', async () => {
    const repo = repoWith({ ...PYTHON_PROJECT, 'package.json': '{\n  "name": "shop",\n}\n' });
    const before = snapshotRepo(repo);
    await expect(init(repo)).rejects.toThrowError('package.json:2:17: invalid JSON: trailing comma before "}"');
    expect(snapshotRepo(repo)).toEqual(before);
  });
});

describe('txboundary init, then a real commit', () => {
  it('blocks an undocumented public function through the husky hook it set up', async () => {
    expect(existsSync(CLI_PATH), `${CLI_PATH} is missing: run npm run build`).toBe(true);
    const repo = repoWith();
    const { status, output } = await init(repo);
    expect(status, output).toBe(0);

    // What `npm install` would do: link the bin, then run `prepare` (husky).
    mkdirSync(repo.path('node_modules/.bin'), { recursive: true });
    symlinkSync(CLI_PATH, repo.path('node_modules/.bin/txboundary'));
    const husky = spawnSync(process.execPath, [HUSKY_BIN], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(husky.status, husky.stderr + husky.stdout).toBe(0);
    expect(repo.git('config', '--get', 'core.hooksPath').trim()).toBe('.husky/_');

    // The next steps: commit what init wrote (no Python staged, so the hook passes).
    repo.git('add', 'package.json', '.gitignore', '.husky/pre-commit', '.txboundaryrc.json');
    const setup = repo.run(['commit', '-m', 'Check Transaction boundary sections'], { allowFailure: true });
    expect(setup.code, setup.stdout + setup.stderr).toBe(0);
    expect(repo.git('status', '--porcelain')).toBe('');

    const head = repo.git('rev-parse', 'HEAD');
    repo.stageFile('shop/orders_write.py', UNDOCUMENTED);
    const blocked = repo.run(['commit', '-m', 'add create_order'], { allowFailure: true });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('TXB001');
    expect(blocked.stdout + blocked.stderr).toContain('shop/orders_write.py:1:5');
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);

    const bypass = repo.run(['commit', '--no-verify', '-m', 'add create_order'], { allowFailure: true });
    expect(bypass.code, bypass.stderr).toBe(0);
  });

  it.skipIf(spawnSync('pre-commit', ['--version']).status !== 0)('blocks it through the pre-commit framework with the printed local hook', async () => {
    expect(existsSync(CLI_PATH), `${CLI_PATH} is missing: run npm run build`).toBe(true);
    const repo = repoWith({ ...PYTHON_PROJECT, '.pre-commit-config.yaml': 'repos:\n' });
    expect((await init(repo)).status).toBe(0);
    repo.write('.pre-commit-config.yaml', `repos:\n${PRE_COMMIT_SNIPPET.join('\n')}\n`);
    // The second run writes nothing, and still names every set-up file to commit, the untracked package.json first.
    const second = await init(repo);
    expect(second.status).toBe(0);
    expect(second.output).toContain('git add package.json .gitignore .pre-commit-config.yaml .txboundaryrc.json package-lock.json');
    expect(second.output).not.toContain('Nothing to do');

    mkdirSync(repo.path('node_modules/.bin'), { recursive: true });
    symlinkSync(CLI_PATH, repo.path('node_modules/.bin/txboundary'));
    const env = { ...repo.env, PRE_COMMIT_HOME: `${repo.home}/pre-commit-cache` };
    const install = spawnSync('pre-commit', ['install'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(install.status, install.stderr + install.stdout).toBe(0);

    repo.git('add', '-A');
    const setup = repo.run(['commit', '-m', 'setup'], { allowFailure: true, env });
    expect(setup.code, setup.stdout + setup.stderr).toBe(0);

    repo.stageFile('shop/orders_write.py', UNDOCUMENTED);
    const blocked = repo.run(['commit', '-m', 'add create_order'], { allowFailure: true, env });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('TXB001');
  });
});
