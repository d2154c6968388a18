import { countBlocking } from '../report/json.js';
import type { CheckReport } from '../run.js';
import { type FixEffects, fixWorkingTree } from './apply.js';
import { type FixTextOptions, renderFixText } from './render.js';

/** `check --fix` after the check: write, report, exit status. Loaded on demand, so a plain check never loads the diff library. */
export async function runFix(report: CheckReport, effects: FixEffects, options: FixTextOptions): Promise<{ text: string; status: number }> {
  const outcomes = await fixWorkingTree(report, effects);
  // 1 while anything blocks or anything was written (the user reviews and stages), else 0.
  const status = countBlocking(report) > 0 || outcomes.some((outcome) => outcome.status === 'fixed') ? 1 : 0;
  return { text: renderFixText(report, outcomes, options), status };
}
