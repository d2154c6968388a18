import type { CheckReport } from '../run.js';
import { type FixEffects, type FixRequest, fixWorkingTree } from './apply.js';
import { type FixTextOptions, fixExitStatus, renderFixText } from './render.js';

/**
 * `txboundary check --fix`, after the check: write the sections, then the
 * report and the exit status (still 1 when something was written, so the
 * user reviews and stages before committing). Loaded on demand, so a plain
 * check never pays for the diff library.
 */
export async function runFix(report: CheckReport, request: FixRequest, effects: FixEffects, options: FixTextOptions): Promise<{ text: string; status: number }> {
  const result = await fixWorkingTree(report, request, effects);
  return { text: renderFixText(report, result, options), status: fixExitStatus(report, result) };
}
