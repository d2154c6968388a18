import type { CheckReport } from '../run.js';
import { type FixEffects, fixWorkingTree } from './apply.js';
import { type FixTextOptions, fixExitStatus, renderFixText } from './render.js';

/**
 * `txboundary check --fix`, after the check: write the edits, then the
 * report and the exit status. Loaded on demand, so a plain check never pays
 * for the diff library.
 */
export async function runFix(report: CheckReport, effects: FixEffects, options: FixTextOptions): Promise<{ text: string; status: number }> {
  const result = await fixWorkingTree(report, effects);
  return { text: renderFixText(report, result, options), status: fixExitStatus(report, result) };
}
