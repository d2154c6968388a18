import { type CallSite, type Modules, resolveCallee } from '../resolve/resolve-callee.js';
import type { FunctionInfo, ModuleInfo } from '../types.js';
import { readDocumentedPattern } from './documented-pattern.js';
import type { CallTarget, FunctionRef, Resolve } from './evaluate.js';
import { outgoingCalls } from '../python/facts/flow.js';

/** Where the modules of the revision being checked come from. */
export interface ProgramSource {
  /** Analyses of files already read (the checked ones), by path; a partial one is read again in full when a call reaches it. */
  checked: ReadonlyMap<string, ModuleInfo>;
  /** Reads and analyses (every body, with the outline) the modules at these paths; null for a path that is not there or cannot be read. */
  load(paths: readonly string[]): Promise<Map<string, ModuleInfo | null>>;
  /** The section header, for callees whose body cannot be read. */
  section: string;
}

/** The modules that checked functions reach, and how a call resolves among them. */
export interface Program {
  /** Outlines by path, for the rules that resolve calls themselves (TXB005). */
  outlines: Modules;
  resolve: Resolve;
}

/** How many rounds of reads a chain of calls may take; each round is one git process. */
const MAX_ROUNDS = 12;

/**
 * Reads every module that the `roots` reach through their calls, to any
 * depth, in rounds: each round resolves every pending call against what is
 * known, then reads all the modules still missing at once. Only what the
 * roots reach is read, and a module at most once (twice for a checked file
 * that was analysed only in part).
 */
export async function loadProgram(roots0: readonly FunctionRef[], source: ProgramSource): Promise<Program> {
  const modules = new Map<string, ModuleInfo | null>();
  // A checked file analysed only in part has the outline its modified functions need (the names they call), not more.
  const partial = new Set<string>();
  for (const [path, module] of source.checked) {
    if (!module.outline) continue;
    modules.set(path, module);
    if (module.partial) partial.add(path);
  }
  const roots = new Set(roots0.map((ref) => ref.fn));
  const complete = new Set<string>();
  const outlines: Modules = {
    has: (path) => modules.has(path),
    get: (path) => {
      const module = modules.get(path);
      return module === undefined ? undefined : (module?.outline ?? null);
    },
  };
  const resolveIn = (callee: string, from: FunctionRef) => resolveCallee(callee, siteOf(from, modules), outlines);

  const seen = new Set<FunctionRef['fn']>();
  let pending: FunctionRef[] = [...roots0];
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
    const needed = new Set<string>();
    const waiting: FunctionRef[] = [];
    const queue = [...pending];
    for (let ref = queue.pop(); ref !== undefined; ref = queue.pop()) {
      let waits = false;
      for (const callee of new Set(outgoingCalls(ref.fn.facts.flow).map((call) => call.callee))) {
        const resolution = resolveIn(callee, ref);
        if (resolution.kind === 'needs') {
          for (const path of resolution.paths) needed.add(path);
          waits = true;
        } else if (resolution.kind === 'unresolved') {
          // Only a modified function's names are sure to be in a partial outline: for the others, read the whole file.
          if (partial.has(ref.file) && !roots.has(ref.fn) && !complete.has(ref.file)) {
            needed.add(ref.file);
            waits = true;
          }
        } else {
          const fn = findFunction(modules.get(resolution.path), resolution.signature.qualifiedName, resolution.signature.line);
          if (!fn?.facts.flow) {
            if (!complete.has(resolution.path)) {
              needed.add(resolution.path);
              waits = true;
            }
          } else if (!seen.has(fn)) {
            seen.add(fn);
            queue.push({ file: resolution.path, fn });
          }
        }
      }
      if (waits) waiting.push(ref);
    }
    if (needed.size === 0) break;
    const loaded = await source.load([...needed]);
    for (const path of needed) {
      modules.set(path, loaded.get(path) ?? null);
      complete.add(path);
      partial.delete(path);
    }
    pending = waiting;
  }

  const resolve: Resolve = (callee, from): CallTarget => {
    const resolution = resolveIn(callee, from);
    if (resolution.kind !== 'resolved') return { kind: 'unresolved' };
    const fn = findFunction(modules.get(resolution.path), resolution.signature.qualifiedName, resolution.signature.line);
    if (fn?.facts.flow) return { kind: 'function', ref: { file: resolution.path, fn } };
    const documented = fn?.docstring ? (readDocumentedPattern(fn.docstring.value, source.section)?.pattern ?? null) : null;
    return { kind: 'unread', name: resolution.signature.qualifiedName, documented };
  };
  return { outlines, resolve };
}

function siteOf(from: FunctionRef, modules: ReadonlyMap<string, ModuleInfo | null>): CallSite {
  return {
    file: from.file,
    outline: modules.get(from.file)?.outline,
    imports: from.fn.facts.session?.imports ?? {},
    classPath: from.fn.qualifiedName.split('.').slice(0, -1),
  };
}

function findFunction(module: ModuleInfo | null | undefined, qualifiedName: string, line: number): FunctionInfo | undefined {
  const functions = module?.functions ?? [];
  return functions.find((fn) => fn.qualifiedName === qualifiedName && fn.defLine === line) ?? functions.findLast((fn) => fn.qualifiedName === qualifiedName);
}
