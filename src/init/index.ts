import { createGit, type Git } from '../git/exec.js';
import { applyPlan, findTopLevel, readInitState } from './apply.js';
import { planInit } from './plan.js';
import { renderPlan } from './render.js';

export interface InitOptions {
  /** Init acts at the top level of its work tree. */
  cwd: string;
  dryRun: boolean;
  out: (text: string) => void;
  version: string;
  color?: boolean;
  /** Defaults to one started in `cwd`. */
  git?: Git;
}

/**
 * `txboundary init [--dry-run]`: sets up package.json, the pre-commit hook and a starter config;
 * throws UserError or GitError (exit 2) when it cannot proceed.
 */
export async function runInit(options: InitOptions): Promise<number> {
  const git = options.git ?? createGit(options.cwd);
  const topLevel = await findTopLevel(git);
  const plan = planInit(await readInitState(git, topLevel, options.version));
  if (!options.dryRun) applyPlan(plan, topLevel);
  options.out(renderPlan(plan, { topLevel, dryRun: options.dryRun, color: options.color ?? false }));
  // A manual step is part of the set-up, printed with the exact text to add: not a failure.
  return 0;
}
