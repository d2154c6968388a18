import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { validateConfig } from '../../../src/config/validate.js';
import { UserError } from '../../../src/errors.js';
import { type InitAction, type InitPlan, writtenPaths } from '../../../src/init/action.js';
import { formatJsonLike } from '../../../src/init/json-format.js';
import { HUSKY_HOOK } from '../../../src/init/husky-hook.js';
import { npmPackageName } from '../../../src/init/package-json.js';
import { type InitState, planInit } from '../../../src/init/plan.js';
import { PRE_COMMIT_SNIPPET } from '../../../src/init/pre-commit-framework.js';
import { renderPlan } from '../../../src/init/render.js';
import { pyprojectHasTable, starterConfig } from '../../../src/init/starter-config.js';

type Files = InitState['files'];

const NONE: Files = { packageJson: null, gitignore: null, huskyHook: null, preCommitConfig: null, rcFile: null, pyproject: null };

/** The repository as init reads it: some files, and which set-up files git sees as uncommitted. */
function state({ uncommitted = [], ...files }: Partial<Files> & { uncommitted?: string[] } = {}, hooksPath: string | null = null): InitState {
  return { dirName: 'My Shop', version: '0.1.0', files: { ...NONE, ...files }, hooksPath, uncommitted };
}

function action(plan: InitPlan, path: string): InitAction {
  const found = plan.actions.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no action for ${path} in ${JSON.stringify(plan.actions.map((a) => a.path))}`);
  return found;
}

/** `kind path` for every action: the shape of a plan at a glance. */
function kinds(plan: InitPlan): string[] {
  return plan.actions.map((a) => `${a.kind} ${a.path}`);
}

/** The files after applying `plan` to `before` (what the shell would write). */
function applied(before: InitState, plan: InitPlan): InitState {
  const files = { ...before.files };
  const keys: Record<string, keyof Files> = {
    'package.json': 'packageJson',
    '.gitignore': 'gitignore',
    '.husky/pre-commit': 'huskyHook',
    '.pre-commit-config.yaml': 'preCommitConfig',
    '.txboundaryrc.json': 'rcFile',
  };
  for (const a of plan.actions) {
    const key = keys[a.path];
    if (a.content !== undefined && key) files[key] = a.content;
  }
  return { ...before, files };
}

function packageOf(plan: InitPlan): Record<string, unknown> {
  const content = action(plan, 'package.json').content;
  if (content === undefined) throw new Error('package.json is not written');
  return JSON.parse(content);
}

describe('planInit: a fresh Python repository', () => {
  const plan = planInit(state({ pyproject: '[project]\nname = "shop"\n' }));

  it('creates package.json, .gitignore, the husky hook and a starter config', () => {
    expect(plan.manager).toBe('husky');
    expect(kinds(plan)).toEqual(['create package.json', 'create .gitignore', 'create .husky/pre-commit', 'create .txboundaryrc.json']);
    expect(plan.notes).toEqual([]);
    expect(plan.toCommit).toEqual(['package.json', '.gitignore', '.husky/pre-commit', '.txboundaryrc.json']);
  });

  it('writes a minimal private package.json in npm layout', () => {
    expect(action(plan, 'package.json').content).toBe(
      `${JSON.stringify({ name: 'my-shop', private: true, devDependencies: { husky: '^9.1.7', txboundary: '^0.1.0' }, scripts: { prepare: 'husky' } }, null, 2)}\n`,
    );
  });

  it('writes a husky 9 hook: comments, the bypass, and the command', () => {
    const hook = action(plan, '.husky/pre-commit').content ?? '';
    expect(hook).toBe(HUSKY_HOOK);
    expect(hook).not.toMatch(/^#!/);
    expect(hook).toContain('--no-verify');
    expect(hook.trimEnd().split('\n').at(-1)).toBe('txboundary check');
  });

  it('ignores node_modules/', () => {
    expect(action(plan, '.gitignore').content).toBe('node_modules/\n');
  });

  it('spells out the defaults in a config that validates to DEFAULT_CONFIG, pointing editors at the shipped schema', () => {
    const content = action(plan, '.txboundaryrc.json').content ?? '';
    expect(content).toBe(starterConfig());
    const parsed = JSON.parse(content);
    expect(Object.keys(parsed)).toEqual(['$schema', 'include', 'exclude', 'section', 'respectAll', 'rules']);
    expect(parsed.$schema).toBe('./node_modules/txboundary/schema.json');
    expect(parsed.rules).toEqual({
      TXB000: 'error',
      TXB001: 'error',
      TXB002: 'error',
      TXB003: 'error',
      TXB004: 'warn',
      TXB005: 'warn',
      TXB006: 'warn',
    });
    const result = validateConfig(parsed, { file: '.txboundaryrc.json', keyPath: [], format: 'json' });
    expect(result).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  it('is done after one application: the second plan skips everything and writes nothing', () => {
    const again = planInit(applied(state(), planInit(state())));
    expect(kinds(again)).toEqual(['skip package.json', 'skip .gitignore', 'skip .husky/pre-commit', 'skip .txboundaryrc.json']);
    expect(writtenPaths(again)).toEqual([]);
  });
});

describe('planInit: an existing package.json', () => {
  const fourSpaces = [
    '{',
    '    "name": "shop-tools",',
    '    "version": "1.0.0",',
    '    "scripts": {',
    '        "lint": "ruff check .",',
    '        "prepare": "node scripts/setup.js"',
    '    },',
    '    "devDependencies": {',
    '        "prettier": "^3.0.0"',
    '    },',
    '    "license": "MIT"',
    '}',
    '',
  ].join('\n');

  it('adds what is missing in its own indentation, keeping key order and other scripts', () => {
    const update = action(planInit(state({ packageJson: fourSpaces })), 'package.json');
    expect(update.kind).toBe('update');
    expect(update.summary).toBe('add devDependencies.txboundary, devDependencies.husky, scripts.prepare');
    expect(update.content).toBe(
      [
        '{',
        '    "name": "shop-tools",',
        '    "version": "1.0.0",',
        '    "scripts": {',
        '        "lint": "ruff check .",',
        '        "prepare": "node scripts/setup.js && husky"',
        '    },',
        '    "devDependencies": {',
        '        "husky": "^9.1.7",',
        '        "prettier": "^3.0.0",',
        '        "txboundary": "^0.1.0"',
        '    },',
        '    "license": "MIT"',
        '}',
        '',
      ].join('\n'),
    );
    expect(update.detail).toContain('scripts.prepare: "node scripts/setup.js && husky" (was "node scripts/setup.js")');
  });

  it('keeps tabs, CRLF line ends, a missing final newline and a byte order mark', () => {
    const text = '\uFEFF{\r\n\t"name": "x",\r\n\t"scripts": {\r\n\t\t"prepare": "husky"\r\n\t}\r\n}';
    const content = action(planInit(state({ packageJson: text })), 'package.json').content ?? '';
    expect(content).toBe('\uFEFF{\r\n\t"name": "x",\r\n\t"scripts": {\r\n\t\t"prepare": "husky"\r\n\t},\r\n\t"devDependencies": {\r\n\t\t"husky": "^9.1.7",\r\n\t\t"txboundary": "^0.1.0"\r\n\t}\r\n}');
  });

  it('keeps a one-line file on one line', () => {
    const content = action(planInit(state({ packageJson: '{"name":"x"}\n' })), 'package.json').content;
    expect(content).toBe('{"name":"x","devDependencies":{"husky":"^9.1.7","txboundary":"^0.1.0"},"scripts":{"prepare":"husky"}}\n');
    expect(formatJsonLike('{\n  "a": 1\n}', { a: 2 })).toBe('{\n  "a": 2\n}');
  });

  it('never changes an existing version, wherever the dependency is listed', () => {
    const text = JSON.stringify({ dependencies: { txboundary: '0.0.9' }, devDependencies: { husky: '^8.0.0' }, scripts: { prepare: 'husky install' } });
    const plan = planInit(state({ packageJson: text }));
    expect(action(plan, 'package.json')).toMatchObject({ kind: 'skip', summary: 'already lists txboundary and husky, and scripts.prepare runs husky' });
    expect(plan.notes.join('\n')).toMatch(/husky \^8\.0\.0.*written for husky 9/);
  });

  it('appends to an unsorted devDependencies object instead of sorting it', () => {
    const text = JSON.stringify({ devDependencies: { zod: '1', black: '2' }, scripts: { prepare: 'husky' } }, null, 2);
    expect(Object.keys(packageOf(planInit(state({ packageJson: text }))).devDependencies as object)).toEqual(['zod', 'black', 'txboundary', 'husky']);
  });

  it('sets an empty prepare script to husky', () => {
    const text = JSON.stringify({ devDependencies: { husky: '^9.1.7', txboundary: '^0.1.0' }, scripts: { prepare: '' } });
    expect(action(planInit(state({ packageJson: text })), 'package.json')).toMatchObject({ kind: 'update', summary: 'add scripts.prepare' });
  });

  it('stops on invalid JSON, naming the file and the position', () => {
    const text = '{\n  "name": "x",\n  "scripts": { "a": "b", },\n}\n';
    expect(() => planInit(state({ packageJson: text }))).toThrowError(UserError);
    expect(() => planInit(state({ packageJson: text }))).toThrowError(/^package\.json:3:24: invalid JSON: trailing comma/);
    try {
      planInit(state({ packageJson: text }));
    } catch (error) {
      expect((error as UserError).hint).toMatch(/nothing was changed/);
    }
  });

  it('stops on fields it cannot edit', () => {
    expect(() => planInit(state({ packageJson: '[]' }))).toThrowError('package.json must hold an object, got an array');
    expect(() => planInit(state({ packageJson: '{"scripts": "husky"}' }))).toThrowError('package.json: scripts must be an object, got "husky"');
    expect(() => planInit(state({ packageJson: '{"devDependencies": null}' }))).toThrowError('package.json: devDependencies must be an object, got null');
    expect(() => planInit(state({ packageJson: '{"scripts": {"prepare": 1}}' }))).toThrowError('package.json: scripts.prepare must be a string, got a number');
  });
});

describe('planInit: an existing .husky/pre-commit', () => {
  const hookOf = (huskyHook: string, packageJson: string | null = null) => action(planInit(state({ huskyHook, packageJson })), '.husky/pre-commit');

  it('skips a hook that already runs txboundary, such as the shipped one', () => {
    expect(hookOf('npm test\nnpx txboundary check\n')).toMatchObject({ kind: 'skip', summary: 'already runs txboundary' });
    expect(hookOf('if [ -x ./node_modules/.bin/txboundary ]; then\n  exec ./node_modules/.bin/txboundary check\nfi\nexit 2\n').kind).toBe('skip');
  });

  it('does not count a mention in a comment', () => {
    expect(hookOf('# TODO: txboundary\nnpm test\n').kind).toBe('append');
  });

  it('appends the command once after the other commands', () => {
    const hook = hookOf('npm test\nnpx ruff check .\n');
    expect(hook).toMatchObject({ kind: 'append', summary: "add `txboundary check` after the hook's 2 commands", detail: ['+ txboundary check'] });
    expect(hook.content).toBe('npm test\nnpx ruff check .\ntxboundary check\n');
  });

  it('adds the missing newline first', () => {
    expect(hookOf('npm test').content).toBe('npm test\ntxboundary check\n');
    expect(hookOf('').content).toBe('txboundary check\n');
  });

  it('appends after a conditional exit, which lets the script go on', () => {
    expect(hookOf('[ -n "$CI" ] && exit 0\nnpm test || exit 1\n').kind).toBe('append');
  });

  it('asks for a manual edit when the hook ends with exec, naming the line', () => {
    const hook = hookOf('#!/bin/sh\nnpm test\nexec npx lint-staged\n# the end\n\n');
    expect(hook.kind).toBe('manual');
    expect(hook.content).toBeUndefined();
    expect(hook.summary).toBe('ends with `exec npx lint-staged` (line 3): exec replaces the shell, so nothing after it runs');
    expect(hook.detail).toEqual(['Add this line to .husky/pre-commit above line 3, then run txboundary init again:', '', '    txboundary check']);
  });

  it('asks for a manual edit when the hook ends with an unconditional exit', () => {
    expect(hookOf('npm test\nexit 0\n')).toMatchObject({ kind: 'manual', summary: 'ends with `exit 0` (line 2): the script ends there, so nothing after it runs' });
    expect(hookOf('npm test\nexit\n').kind).toBe('manual');
  });

  it('skips a hook that runs lint-staged when lint-staged runs txboundary', () => {
    const packageJson = JSON.stringify({ devDependencies: { husky: '^9.1.7' }, 'lint-staged': { '*.py': 'txboundary check' } });
    expect(hookOf('npx lint-staged\n', packageJson)).toMatchObject({ kind: 'skip', summary: 'already runs lint-staged, whose package.json config runs txboundary' });
    expect(hookOf('npx lint-staged\n', JSON.stringify({ 'lint-staged': { '*.py': 'ruff' } })).kind).toBe('append');
  });

  it("leaves a manual step's file out of the files to commit (the render lists it after the lock file)", () => {
    const plan = planInit(state({ huskyHook: 'exec foo\n', uncommitted: ['.husky/pre-commit'] }));
    expect(action(plan, '.husky/pre-commit').kind).toBe('manual');
    expect(plan.toCommit).not.toContain('.husky/pre-commit');
  });
});

describe('planInit: the Python pre-commit framework', () => {
  it('installs no husky: txboundary only in package.json, a snippet to add by hand', () => {
    const plan = planInit(state({ preCommitConfig: 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n' }));
    expect(plan.manager).toBe('pre-commit');
    expect(kinds(plan)).toEqual(['create package.json', 'create .gitignore', 'manual .pre-commit-config.yaml', 'create .txboundaryrc.json']);
    expect(packageOf(plan)).toEqual({ name: 'my-shop', private: true, devDependencies: { txboundary: '^0.1.0' } });
    const snippet = action(plan, '.pre-commit-config.yaml').detail.join('\n');
    for (const line of PRE_COMMIT_SNIPPET) expect(snippet).toContain(line);
    expect(snippet).toContain('entry: node_modules/.bin/txboundary check');
    expect(snippet).toContain('language: system');
    expect(snippet).toContain('types: [python]');
    expect(plan.toCommit).toEqual(['package.json', '.gitignore', '.txboundaryrc.json']);
  });

  it('skips the config once it runs txboundary', () => {
    const plan = planInit(state({ preCommitConfig: `repos:\n${PRE_COMMIT_SNIPPET.join('\n')}\n` }));
    expect(action(plan, '.pre-commit-config.yaml').kind).toBe('skip');
  });

  it('after the manual step, a second run still has the files of the first one committed, untracked package.json included', () => {
    const plan = planInit(
      state({
        preCommitConfig: `repos:\n${PRE_COMMIT_SNIPPET.join('\n')}\n`,
        packageJson: '{\n  "name": "my-shop",\n  "private": true,\n  "devDependencies": {\n    "txboundary": "^0.1.0"\n  }\n}\n',
        gitignore: 'node_modules/\n',
        rcFile: '{}\n',
        uncommitted: ['package.json', '.gitignore', '.pre-commit-config.yaml', '.txboundaryrc.json'],
      }),
    );
    expect(writtenPaths(plan)).toEqual([]);
    expect(plan.toCommit).toEqual(['package.json', '.gitignore', '.pre-commit-config.yaml', '.txboundaryrc.json']);
  });

  it('leaves an existing prepare script alone', () => {
    const plan = planInit(state({ preCommitConfig: 'repos: []\n', packageJson: '{\n  "scripts": {\n    "prepare": "make"\n  }\n}\n' }));
    expect(action(plan, 'package.json')).toMatchObject({ kind: 'update', summary: 'add devDependencies.txboundary' });
  });

  it('stays with husky when husky already runs the hooks, with a note', () => {
    const plan = planInit(state({ preCommitConfig: 'repos: []\n', huskyHook: 'npm test\n' }));
    expect(plan.manager).toBe('husky');
    expect(action(plan, '.husky/pre-commit').kind).toBe('append');
    expect(plan.notes[0]).toMatch(/^\.pre-commit-config\.yaml exists, but husky already runs/);
    expect(planInit(state({ preCommitConfig: 'repos: []\n' }, '.husky/_')).manager).toBe('husky');
    expect(planInit(state({ preCommitConfig: 'repos: []\n', packageJson: '{"devDependencies":{"husky":"9"}}' })).manager).toBe('husky');
  });
});

describe('planInit: an existing configuration is never touched', () => {
  const configOf = (files: Partial<Files>) => action(planInit(state(files)), '.txboundaryrc.json');

  it('skips the starter config wherever settings already are', () => {
    expect(configOf({ rcFile: '{}' })).toMatchObject({ kind: 'skip', summary: 'exists (left as it is)' });
    expect(configOf({ packageJson: '{"txboundary": {"section": "Tx"}}' })).toMatchObject({ kind: 'skip', summary: 'not needed: package.json has a "txboundary" key' });
    expect(configOf({ pyproject: '[project]\nname = "x"\n\n[tool.txboundary]\nsection = "Tx"\n' })).toMatchObject({
      kind: 'skip',
      summary: 'not needed: pyproject.toml has a [tool.txboundary] table',
    });
  });

  it('recognises the table by a text search, sub-tables included', () => {
    expect(pyprojectHasTable('[tool.txboundary.rules]\nTXB001 = "warn"\n')).toBe(true);
    expect(pyprojectHasTable('  [ tool.txboundary ]\n')).toBe(true);
    expect(pyprojectHasTable('[tool.ruff]\n# see [tool.txboundary] later\n')).toBe(false);
    expect(pyprojectHasTable('[tool.txboundaryx]\n')).toBe(false);
    expect(configOf({ pyproject: '[tool.ruff]\nline-length = 100\n' }).kind).toBe('create');
  });
});

describe('planInit: .gitignore', () => {
  const ignoreOf = (gitignore: string) => action(planInit(state({ gitignore })), '.gitignore');

  it('appends node_modules/ to a Python .gitignore, once', () => {
    expect(ignoreOf('__pycache__/\n.venv')).toMatchObject({ kind: 'append', content: '__pycache__/\n.venv\nnode_modules/\n' });
    for (const rule of ['node_modules', '/node_modules/', '**/node_modules', 'node_modules/**', '  node_modules/  ']) {
      expect(ignoreOf(`*.pyc\n${rule}\n`).kind, rule).toBe('skip');
    }
    expect(ignoreOf('# node_modules\n').kind).toBe('append');
  });
});

describe('planInit: notes', () => {
  it('warns that husky will replace another core.hooksPath', () => {
    const plan = planInit(state({}, '.githooks'));
    expect(plan.notes).toEqual([
      'git config core.hooksPath is ".githooks": npm install runs husky, which changes it to .husky/_, and git stops running the hooks in .githooks. Move them into .husky/ first.',
    ]);
    expect(planInit(state({}, '.husky/_')).notes).toEqual([]);
  });
});

describe('npmPackageName', () => {
  it('makes a valid npm name from a directory name', () => {
    expect(npmPackageName('My Shop')).toBe('my-shop');
    expect(npmPackageName('_private.repo')).toBe('private.repo');
    expect(npmPackageName('Über Service!')).toBe('ber-service');
    expect(npmPackageName('...')).toBe('python-project');
    expect(npmPackageName('node_modules')).toBe('python-project');
    expect(npmPackageName('a'.repeat(300))).toHaveLength(214);
  });
});

describe('renderPlan', () => {
  const render = (plan: InitPlan, dryRun: boolean) => renderPlan(plan, { topLevel: '/repo', dryRun, color: false });

  it('lists each action by kind and path and, under --dry-run, what is written', () => {
    const text = render(planInit(state({ packageJson: '{\n  "name": "x"\n}\n' })), true);
    expect(text).toContain('txboundary init --dry-run: the plan for /repo (nothing is written)');
    expect(text).toContain('  update  package.json        add devDependencies.txboundary, devDependencies.husky, scripts.prepare');
    expect(text).toContain('      devDependencies.txboundary: "^0.1.0"');
    expect(text).toContain('  create  .husky/pre-commit   runs txboundary check before each commit');
    expect(text).toContain('      txboundary check');
    expect(text).toContain('        "respectAll": true,');
    expect(text).toContain('Run txboundary init without --dry-run to do this.');
    expect(text).not.toContain('Next steps');
  });

  it('ends a real run with the next steps, naming the files to add', () => {
    const text = render(planInit(state()), false);
    expect(text).not.toContain('"respectAll"');
    expect(text).toContain('  1. npm install\n');
    expect(text).toContain('  2. git add package.json .gitignore .husky/pre-commit .txboundaryrc.json package-lock.json\n');
    expect(text).toContain('Bypass once: git commit --no-verify (or HUSKY=0 git commit).');
  });

  it('always shows a manual step with the text to add', () => {
    const text = render(planInit(state({ huskyHook: 'exec npx lint-staged\n' })), false);
    expect(text).toContain('  manual  .husky/pre-commit   ends with `exec npx lint-staged` (line 1)');
    expect(text).toContain('      Add this line to .husky/pre-commit above line 1, then run txboundary init again:\n\n          txboundary check\n');
    expect(text).toContain('  1. Do the step marked manual above');
  });

  it('says so when there is nothing to do', () => {
    const done = planInit(applied(state(), planInit(state())));
    expect(render(done, false)).toContain('Nothing to do: txboundary is already set up here.');
    expect(render(done, true)).toContain('Nothing to do: txboundary is already set up here.');
  });

  it('shows the pre-commit steps and its bypass', () => {
    const text = render(planInit(state({ preCommitConfig: 'repos: []\n' })), false);
    expect(text).toContain('pre-commit install');
    expect(text).toContain('SKIP=txboundary git commit');
    expect(text).toContain('            entry: node_modules/.bin/txboundary check');
  });
});
