import { describe, expect, it } from 'vitest';
import { bypassHint, detectHookRunner, hookRunnerOf } from '../../../src/report/hook-runner.js';

const PATH = '/usr/local/bin:/usr/bin:/bin';

describe('detectHookRunner', () => {
  it.each([
    ['the pre-commit framework (PRE_COMMIT=1 in every hook)', { env: { PRE_COMMIT: '1', PATH }, parentCommand: '/usr/bin/python3 -mpre_commit hook-impl' }, 'pre-commit'],
    ['lint-staged, its parent process', { env: { PATH: `node_modules/.bin:${PATH}` }, parentCommand: 'node /repo/node_modules/.bin/lint-staged' }, 'lint-staged'],
    ['lint-staged run by npx', { env: { PATH }, parentCommand: 'node /repo/node_modules/lint-staged/bin/lint-staged.js' }, 'lint-staged'],
    [
      'lint-staged run as a pre-commit framework hook (SKIP=txboundary would skip nothing)',
      { env: { PRE_COMMIT: '1', PATH }, parentCommand: 'node /repo/node_modules/.bin/lint-staged' },
      'lint-staged',
    ],
    ['husky 9 (node_modules/.bin first on PATH, relative)', { env: { PATH: `node_modules/.bin:${PATH}` }, parentCommand: 'sh -e .husky/pre-commit' }, 'husky'],
    ['a plain git hook', { env: { PATH }, parentCommand: 'sh .git/hooks/pre-commit' }, 'git'],
    ['a run by hand, where the system does not tell the parent', { env: { PATH }, parentCommand: '' }, 'git'],
  ] as const)('%s', (_, clues, runner) => {
    expect(detectHookRunner(clues)).toBe(runner);
  });

  it('a project merely named like lint-staged is not lint-staged', () => {
    expect(detectHookRunner({ env: { PATH }, parentCommand: 'node /work/lint-staged-demo/run.js' })).toBe('git');
  });

  it('remembers husky around lint-staged, for the hint', () => {
    expect(hookRunnerOf({ env: { PATH: `node_modules/.bin:${PATH}` }, parentCommand: 'node node_modules/.bin/lint-staged' })).toEqual({ runner: 'lint-staged', husky: true });
  });
});

describe('bypassHint', () => {
  it('names the way that works under each runner', () => {
    expect(bypassHint('pre-commit', false)).toBe('To bypass once: SKIP=txboundary git commit (git commit --no-verify skips every hook).');
    expect(bypassHint('husky', true)).toBe('To bypass once: git commit --no-verify (or HUSKY=0 git commit).');
    expect(bypassHint('lint-staged', true)).toBe('To bypass once: git commit --no-verify (or HUSKY=0 git commit), which also skips the other lint-staged tasks.');
    expect(bypassHint('lint-staged', false)).toBe('To bypass once: git commit --no-verify, which also skips the other lint-staged tasks.');
    expect(bypassHint('git', false)).toBe('To bypass once: git commit --no-verify.');
  });
});
