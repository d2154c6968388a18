/**
 * What a user gets from `npm install --save-dev txboundary`: the packed
 * tarball installed into a fresh Python repository. One package, no
 * dependencies (so `--offline` succeeds), at most 3 MiB, no npm warning (no
 * install script, no prepare), and a real `git commit` blocked by the hook
 * that ships in the package.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED, VIOLATION } from '../helpers/create-order.js';
import { createRepo, createTempDir, type GitRepo } from '../helpers/git-repo.js';
import { npmEnv, packProject, treeSize } from '../helpers/packed-package.js';

const MiB = 1024 * 1024;

describe('npm install --save-dev of the packed tarball, in a fresh repository', { timeout: 120_000 }, () => {
  let repo: GitRepo;
  let packs: { dir: string; cleanup(): void };
  let install: { code: number; output: string };

  beforeAll(() => {
    packs = createTempDir();
    repo = createRepo({ files: { 'pyproject.toml': '[project]\nname = "shop"\n', '.gitignore': 'node_modules/\n' }, commit: 'init' });
    const tarball = packProject(packs.dir, repo.env);
    repo.write('package.json', '{\n  "name": "shop",\n  "private": true\n}\n');
    const result = spawnSync('npm', ['install', '--offline', '--save-dev', tarball], { cwd: repo.dir, env: npmEnv(repo.env), encoding: 'utf8' });
    install = { code: result.status ?? -1, output: result.stdout + result.stderr };
  });
  afterAll(() => {
    repo?.cleanup();
    packs?.cleanup();
  });

  it('installs one package, needing nothing from the registry, with no npm warning', () => {
    expect(install.code, install.output).toBe(0);
    expect(install.output).toMatch(/added 1 package/);
    expect(install.output).not.toMatch(/npm warn/i);
    expect(readdirSync(repo.path('node_modules')).sort()).toEqual(['.bin', '.package-lock.json', 'txboundary']);
  });

  it('takes at most 3 MiB, and its manifest has no dependencies and no install or prepare script', () => {
    expect(treeSize(repo.path('node_modules'))).toBeLessThanOrEqual(3 * MiB);
    const manifest = JSON.parse(readFileSync(repo.path('node_modules/txboundary/package.json'), 'utf8'));
    expect(manifest.dependencies).toBeUndefined();
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[script], script).toBeUndefined();
  });

  it('ships LICENSE, CHANGELOG.md, schema.json and the runtime in dist/', () => {
    const files = readdirSync(repo.path('node_modules/txboundary'));
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md', 'schema.json', 'dist', 'hooks']) expect(files, file).toContain(file);
    const dist = readdirSync(repo.path('node_modules/txboundary/dist'));
    for (const file of ['cli.js', 'web-tree-sitter.js', 'web-tree-sitter.wasm', 'tree-sitter-python.wasm', 'THIRD-PARTY-LICENSES.txt']) expect(dist, file).toContain(file);
  });

  it('blocks a real git commit through the shipped hook, then lets the fixed one through', () => {
    repo.git('config', 'core.hooksPath', 'node_modules/txboundary/hooks');
    const head = repo.git('rev-parse', 'HEAD');
    repo.stageFile('shop/orders.py', VIOLATION);
    const blocked = repo.run(['commit', '-m', 'add orders'], { allowFailure: true, env: { NO_COLOR: '1' } });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toMatch(/^shop\/orders\.py:\d+:\d+ TXB001 /m);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);

    repo.stageFile('shop/orders.py', FIXED);
    const passed = repo.run(['commit', '-m', 'add orders'], { allowFailure: true, env: { NO_COLOR: '1' } });
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('shop/orders.py');
  });
});
