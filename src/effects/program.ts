import { type CallSite, type Modules, resolveCallee } from '../resolve/resolve-callee.js';
import type { FunctionInfo, ModuleInfo } from '../types.js';
import { readDocumentedPattern } from './documented-pattern.js';
import type { CallTarget, FunctionRef, Resolve } from './evaluate.js';
import { outgoingCalls } from '../python/facts/flow.js';
import { lastPart } from '../python/facts/vocabulary.js';

/** Where the modules of the revision being checked come from. */
export interface ProgramSource {
  /** Analyses of the checked files, by path; a partial one is read again in full when a call reaches it. */
  checked: ReadonlyMap<string, ModuleInfo>;
  /** Reads the modules at these paths with the bodies asked for; null for a path that is not there or cannot be read. */
  load(requests: ReadonlyMap<string, BodiesWanted>): Promise<Map<string, ModuleInfo | null>>;
  /** The section header, for callees whose body cannot be read. */
  section: string;
}

/** The functions of a module whose bodies are to be read: by `def` line, or, before the module is known, by name. */
export interface BodiesWanted {
  lines: ReadonlySet<number>;
  /** Last names (`record_payment` of `pay.record_payment`): a first read guesses the function a call reaches. */
  names: ReadonlySet<string>;
}

export function isWanted(wanted: BodiesWanted, span: { start: number; end: number }, qualifiedName: string): boolean {
  return wanted.names.has(lastPart(qualifiedName)) || [...wanted.lines].some((line) => span.start <= line && line <= span.end);
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
 * Reads every module the `roots` reach through their calls, to any depth, in rounds: each round resolves every pending
 * call against what is known, then reads all the modules still missing at once. A module is read first for its outline,
 * and again when a call reaches a function whose body was not analysed (its text is read from git once).
 */
export async function loadProgram(roots: readonly FunctionRef[], source: ProgramSource): Promise<Program> {
  const modules = new Map<string, ModuleInfo | null>();
  // A checked file analysed only in part has the outline its modified functions need (the names they call), not more.
  const partial = new Set<string>();
  /** The `def` lines of the functions whose bodies are wanted, by path. */
  const wanted = new Map<string, Set<number>>();
  for (const [path, module] of source.checked) {
    if (!module.outline) continue;
    modules.set(path, module);
    if (module.partial) partial.add(path);
    wanted.set(path, new Set(analysedLines(module)));
  }
  const rootFunctions = new Set(roots.map((ref) => ref.fn));
  const outlines: Modules = {
    has: (path) => modules.has(path),
    get: (path) => (modules.has(path) ? (modules.get(path)?.outline ?? null) : undefined),
  };
  const resolveIn = (callee: string, from: FunctionRef) => {
    const site: CallSite = { file: from.file, outline: modules.get(from.file)?.outline, imports: from.fn.facts.session?.imports ?? {}, classPath: from.fn.qualifiedName.split('.').slice(0, -1) };
    return resolveCallee(callee, site, outlines);
  };

  const seen = new Set<FunctionRef['fn']>();
  let pending: FunctionRef[] = [...roots];
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
    const requests = new Map<string, { lines: Set<number>; names: Set<string> }>();
    const request = (path: string, wants: { line?: number; name?: string } = {}) => {
      const entry = requests.get(path) ?? { lines: new Set(wanted.get(path)), names: new Set<string>() };
      if (wants.line !== undefined) entry.lines.add(wants.line);
      if (wants.name !== undefined) entry.names.add(wants.name);
      requests.set(path, entry);
    };
    const waiting: FunctionRef[] = [];
    const queue = [...pending];
    for (let ref = queue.pop(); ref !== undefined; ref = queue.pop()) {
      let waits = false;
      for (const callee of new Set(outgoingCalls(ref.fn.facts.flow).map((call) => call.callee))) {
        const resolution = resolveIn(callee, ref);
        if (resolution.kind === 'needs') {
          const name = lastPart(callee);
          for (const path of resolution.paths) request(path, { name });
          waits = true;
        } else if (resolution.kind === 'unresolved') {
          // Only a modified function's names are sure to be in a partial outline: for the others, read the whole file.
          if (partial.has(ref.file) && !rootFunctions.has(ref.fn)) {
            request(ref.file);
            waits = true;
          }
        } else {
          const { path } = resolution;
          const { qualifiedName, line } = resolution.signature;
          const fn = findFunction(modules.get(path), qualifiedName, line);
          if (fn && !fn.facts.flow && !wanted.get(path)?.has(fn.defLine)) {
            request(path, { line: fn.defLine });
            waits = true;
          } else if (fn?.facts.flow && !seen.has(fn)) {
            seen.add(fn);
            queue.push({ file: path, fn });
          }
        }
      }
      if (waits) waiting.push(ref);
    }
    if (requests.size === 0) break;
    const loaded = await source.load(requests);
    for (const [path, { lines }] of requests) {
      const module = loaded.get(path) ?? null;
      modules.set(path, module);
      // Whatever was read is known: a function read by name is not asked for again.
      wanted.set(path, new Set([...lines, ...analysedLines(module)]));
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
    return { kind: 'unread', documented };
  };
  return { outlines, resolve };
}

/** The `def` lines of the functions whose bodies were analysed. */
function analysedLines(module: ModuleInfo | null): number[] {
  return (module?.functions ?? []).flatMap((fn) => (fn.facts.flow ? [fn.defLine] : []));
}

function findFunction(module: ModuleInfo | null | undefined, qualifiedName: string, line: number): FunctionInfo | undefined {
  const functions = module?.functions ?? [];
  return functions.find((fn) => fn.qualifiedName === qualifiedName && fn.defLine === line) ?? functions.findLast((fn) => fn.qualifiedName === qualifiedName);
}
