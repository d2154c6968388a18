import type { HeldCall, ModuleOutline } from '../session-types.js';
import { type CallSite, type Modules, resolveCallee } from './resolve-callee.js';

/** A calling function and the calls it makes while holding a session. */
export interface CallingFunction {
  site: CallSite;
  calls: readonly HeldCall[];
}

export interface ModuleSource {
  /** Reads files of the revision being checked; null for a path that is not there. One call, one git process. */
  read(paths: readonly string[]): Promise<Map<string, string | null>>;
  /** The outline of a module's source, or null when it cannot be parsed into one. */
  outline(source: string): ModuleOutline | null;
}

/**
 * Each round asks for every module a pending call still needs; only a
 * re-export (`from .impl import f` in a package `__init__.py`) needs another.
 */
const MAX_ROUNDS = 4;

/**
 * Reads the modules that the given calls reach into, and only those: each
 * round resolves every call against what is known, then reads all the
 * missing candidates at once. `known` holds modules already analysed (the
 * checked files themselves), so they are not read again.
 */
export async function loadCalleeModules(callers: readonly CallingFunction[], source: ModuleSource, known: Modules): Promise<Modules> {
  const modules = new Map(known);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const needed = new Set<string>();
    for (const { site, calls } of callers) {
      for (const call of calls) {
        const resolution = resolveCallee(call.callee, site, modules);
        if (resolution.kind === 'needs') for (const path of resolution.paths) needed.add(path);
      }
    }
    if (needed.size === 0) break;
    const texts = await source.read([...needed]);
    for (const path of needed) {
      const text = texts.get(path);
      modules.set(path, text == null ? null : source.outline(text));
    }
  }
  return modules;
}
