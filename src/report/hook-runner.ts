/**
 * What runs txboundary before a commit, so the bypass hint names a way that works there:
 * `SKIP=txboundary` means nothing to husky, `HUSKY=0` nothing to the pre-commit framework.
 */
export type HookRunner = 'pre-commit' | 'lint-staged' | 'husky' | 'git';

export interface RunnerClues {
  env: Readonly<Record<string, string | undefined>>;
  /** The parent process's command line, or '' when the system does not tell. */
  parentCommand: string;
}

/**
 * - lint-staged runs its tasks itself, so it is the parent process; it comes first, because husky or the pre-commit
 *   framework may run lint-staged, and then only what skips lint-staged skips txboundary;
 * - the pre-commit framework sets `PRE_COMMIT=1` in every hook's environment;
 * - husky 9 runs `.husky/pre-commit` with `node_modules/.bin` on PATH, written relative, as nothing else writes it;
 * - otherwise a plain git hook, or a run by hand.
 */
export function detectHookRunner({ env, parentCommand }: RunnerClues): HookRunner {
  if (/(^|[/\s\\])lint-staged([/\s\\.]|$)/.test(parentCommand)) return 'lint-staged';
  if (env.PRE_COMMIT === '1') return 'pre-commit';
  if (isHusky(env)) return 'husky';
  return 'git';
}

/** Tools started under husky (lint-staged) put absolute folders before it, but keep its relative one. */
function isHusky(env: RunnerClues['env']): boolean {
  return env.PATH?.split(':').includes('node_modules/.bin') ?? false;
}

/** One true sentence on skipping the check once, for the runner at hand. */
export function bypassHint(runner: HookRunner, husky: boolean): string {
  switch (runner) {
    case 'pre-commit':
      return 'To bypass once: SKIP=txboundary git commit (git commit --no-verify skips every hook).';
    case 'lint-staged':
      return husky
        ? 'To bypass once: git commit --no-verify (or HUSKY=0 git commit), which also skips the other lint-staged tasks.'
        : 'To bypass once: git commit --no-verify, which also skips the other lint-staged tasks.';
    case 'husky':
      return 'To bypass once: git commit --no-verify (or HUSKY=0 git commit).';
    case 'git':
      return 'To bypass once: git commit --no-verify.';
  }
}

/** Said after the bypass: a bypassed commit is checked again only where CI runs the range mode. */
export const CI_HINT = 'CI catches a bypassed commit only if it runs txboundary check --base <branch>.';

/** The runner and whether husky is around it (lint-staged usually runs inside husky's hook). */
export function hookRunnerOf(clues: RunnerClues): { runner: HookRunner; husky: boolean } {
  return { runner: detectHookRunner(clues), husky: isHusky(clues.env) };
}
