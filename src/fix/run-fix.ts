import type { CheckReport } from '../run.js';
import { type FixEffects, fixWorkingTree } from './apply.js';
import { type FixTextOptions, fixExitStatus, renderFixText } from './render.js';

/** `check --fix` after the check: write, report, exit status. Loaded on demand, so a plain check never loads the diff library. */
export async function runFix(report: CheckReport, effects: FixEffects, options: FixTextOptions): Promise<{ text: string; status: number }> {
  const outcomes = await fixWorkingTree(report, effects);
  return { text: renderFixText(report, outcomes, options), status: fixExitStatus(report, outcomes) };
}
