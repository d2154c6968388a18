/**
 * What `txboundary init` does to one file:
 * - `create`: the file does not exist and is written whole;
 * - `update`: an existing file is rewritten with a few entries added (package.json);
 * - `append`: lines are added at the end of an existing file, nothing else changes;
 * - `skip`: already done, or not ours to touch;
 * - `manual`: init cannot do it safely; `detail` holds the exact text to add by hand.
 */
export type ActionKind = 'create' | 'update' | 'append' | 'skip' | 'manual';

export interface InitAction {
  /** Repo-relative, `/`-separated. */
  path: string;
  kind: ActionKind;
  /** What happens (or, for skip and manual, why not), on one line. */
  summary: string;
  /** The whole new text of the file, when it is written. */
  content?: string;
  /**
   * Lines shown under the action: what is written or added (under `--dry-run`), and for `manual` the instructions
   * and the text to add (always).
   */
  detail: readonly string[];
}

export type HookManager = 'husky' | 'pre-commit';

/** Plain data, computed from the files as they are (see `plan.ts`), then printed and, unless `--dry-run`, applied. */
export interface InitPlan {
  manager: HookManager;
  actions: InitAction[];
  /** Things worth knowing that change no file (a core.hooksPath husky will replace, an old husky). */
  notes: string[];
  /**
   * The set-up files to commit, beside package-lock.json and the manual steps' files: those the plan writes,
   * and those an earlier run wrote that git still sees as untracked or changed.
   */
  toCommit: string[];
}

export function writtenPaths(plan: Pick<InitPlan, 'actions'>): string[] {
  return plan.actions.filter((action) => action.content !== undefined).map((action) => action.path);
}
