import type { LineRange } from '../types.js';

/**
 * A change to a source, in the line numbers of the version it was planned
 * on (the staged one): replace `deleteCount` lines from `start` with
 * `lines`, or, with `deleteCount` 0, insert `lines` before line `start`.
 * `lines` carry no line terminators; whoever applies the edit adds the
 * file's own.
 */
export interface LineEdit {
  /** 1-based. */
  start: number;
  deleteCount: number;
  lines: string[];
  /**
   * The lines the placement was worked out from (the `def` line through the
   * docstring, or through the first body statement). When any of them
   * differs in the file the edit is applied to, the edit is not safe there.
   */
  guard: LineRange;
}

/** An edit, or why the section cannot be placed automatically. */
export type Placement = { ok: true; edit: LineEdit } | { ok: false; reason: string };
