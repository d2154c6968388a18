import type { FileInput } from '../check/check.js';
import { selectChecked } from '../check/select.js';
import type { Git } from '../git/exec.js';
import { readRevisionFiles } from '../git/read-revision-files.js';
import { decodeSource } from '../python/decode.js';
import type { Analyzer } from '../python/analyze.js';
import type { ModuleOutline } from '../session-types.js';
import { type CallingFunction, loadCalleeModules } from './load-callee-modules.js';
import type { Modules } from './resolve-callee.js';

export interface CalleeReadOptions {
  /** The commit being checked, or null for the index (staged mode and `--all`). */
  revision: string | null;
  respectAll: boolean;
}

const NONE: Modules = new Map();

/**
 * The modules that checked functions call into while holding a session
 * (TXB005), read from the revision being checked: the index in staged mode,
 * the head commit in range mode. Nothing is read, and no git process runs,
 * when no checked function makes such a call; otherwise each round of
 * `loadCalleeModules` is one `git cat-file --batch`.
 */
export async function readCalleeModules(git: Git, analyze: Analyzer, inputs: readonly FileInput[], options: CalleeReadOptions): Promise<Modules> {
  const callers: CallingFunction[] = inputs.flatMap((input) =>
    selectChecked(input.module.functions, input.changes).flatMap((fn) => {
      const facts = fn.facts.session;
      if (!facts || facts.calls.length === 0) return [];
      const site = { file: input.path, outline: input.module.outline, imports: facts.imports, classPath: fn.qualifiedName.split('.').slice(0, -1) };
      return [{ site, calls: facts.calls }];
    }),
  );
  if (callers.length === 0) return NONE;
  // The checked files are part of the same revision: their outlines are known, or their text is, when only a part was analysed.
  const known = new Map<string, ModuleOutline | null>();
  const checkedTexts = new Map<string, string>();
  for (const input of inputs) {
    if (input.module.outline && !input.module.partial) known.set(input.path, input.module.outline);
    else checkedTexts.set(input.path, input.lines.join('\n'));
  }
  return loadCalleeModules(callers, {
    read: async (paths) => {
      const texts = new Map<string, string | null>(paths.flatMap((path) => (checkedTexts.has(path) ? [[path, checkedTexts.get(path) as string]] : [])));
      const missing = paths.filter((path) => !texts.has(path));
      const files = missing.length > 0 ? await readRevisionFiles(git, options.revision, missing) : new Map<string, Buffer | null>();
      for (const [path, bytes] of files) {
        const decoded = bytes && decodeSource(bytes);
        texts.set(path, decoded?.ok ? decoded.text : null);
      }
      return texts;
    },
    outline: (source) => analyze(source, { respectAll: options.respectAll, needsFacts: () => false, outline: true }).outline ?? null,
  }, known);
}
