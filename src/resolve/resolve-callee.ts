import type { Binding, Bindings, ModuleName, ModuleOutline, Signature } from '../session-types.js';
import { modulePaths, submodule } from './module-paths.js';

/** Outlines of the repository's modules read so far, by path; null: no such file (or not Python we can read). */
export type Modules = Pick<ReadonlyMap<string, ModuleOutline | null>, 'has' | 'get'>;

/** Where a call is made: its file, that file's names, and the function's own imports and class. */
export interface CallSite {
  /** Repo-relative. */
  file: string;
  /** Absent when the calling file was not read. */
  outline: ModuleOutline | undefined;
  /** Imports inside the calling function, which shadow the module's names. */
  imports: Bindings;
  /** Classes around the calling method (`[]` for a function), for `self.x(…)`. */
  classPath: readonly string[];
}

export type Resolution =
  | { kind: 'resolved'; path: string; signature: Signature }
  /** Read these modules and ask again. */
  | { kind: 'needs'; paths: string[] }
  /** Not a function of this repository that can be known statically: never a finding. */
  | { kind: 'unresolved' };

/** `from a import f` in `a/__init__.py` that re-exports from `a/impl.py`: how many such hops are followed. */
const MAX_HOPS = 3;
const UNRESOLVED: Resolution = { kind: 'unresolved' };

/**
 * Which function of the repository a call reaches, statically: one of the same module, `self.method` of the caller's class,
 * or one reached through imports (`from pkg.mod import f`, `from .mod import f`, `import pkg.mod as m` then `m.f`,
 * re-exports through a package's `__init__.py`). Pure: modules not yet read come back as `needs`.
 */
export function resolveCallee(callee: string, site: CallSite, modules: Modules): Resolution {
  const [first, ...rest] = callee.split('.');
  if (first === undefined) return UNRESOLVED;
  if ((first === 'self' || first === 'cls') && rest.length === 1 && site.classPath.length === 1) {
    const owner = site.outline && own(site.outline, site.classPath[0] as string);
    const signature = owner?.kind === 'class' ? own(owner.methods, rest[0] as string) : undefined;
    return signature ? { kind: 'resolved', path: site.file, signature } : UNRESOLVED;
  }
  const binding = own(site.imports, first) ?? (site.outline && own(site.outline, first));
  return binding ? resolveBinding(binding, rest, site.file, modules, MAX_HOPS) : UNRESOLVED;
}

/** Follow `rest` (attribute names) from what a name in module `here` is bound to. */
function resolveBinding(binding: Binding, rest: string[], here: string, modules: Modules, hops: number): Resolution {
  switch (binding.kind) {
    case 'function':
      return rest.length === 0 ? { kind: 'resolved', path: here, signature: binding.signature } : UNRESOLVED;
    case 'class': {
      // `Klass.method(…)`: a static or class method, or an explicit call of an instance method.
      const signature = rest.length === 1 ? own(binding.methods, rest[0] as string) : undefined;
      return signature ? { kind: 'resolved', path: here, signature } : UNRESOLVED;
    }
    case 'module':
      return resolveInModule(binding.module, rest, here, modules, hops);
    case 'imported':
      // `from pkg import name` is `pkg.name`: a name `pkg` binds, or its submodule.
      return hops === 0 ? UNRESOLVED : resolveInModule(binding.module, [binding.name, ...rest], here, modules, hops - 1);
    default:
      return UNRESOLVED;
  }
}

/** `m.f` where `m` is a module; `pkg.mod.f` walks into submodules (`from pkg import mod` names one). */
function resolveInModule(module: ModuleName, rest: string[], importer: string, modules: Modules, hops: number): Resolution {
  const [name, ...more] = rest;
  if (name === undefined) return UNRESOLVED; // calling a module
  const loaded = load(module, importer, modules);
  if (loaded.kind === 'needs') return loaded;
  const inner = loaded.kind === 'found' ? own(loaded.outline, name) : undefined;
  if (inner && loaded.kind === 'found') return resolveBinding(inner, more, loaded.path, modules, hops);
  return more.length > 0 ? resolveInModule(submodule(module, name), more, importer, modules, hops) : UNRESOLVED;
}

/** Own properties only: `constructor` or `__proto__` are names like any other. */
function own<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

type Loaded = { kind: 'found'; path: string; outline: ModuleOutline } | { kind: 'needs'; paths: string[] } | { kind: 'absent' };

/** The first candidate file that exists, once every candidate before it is known not to. */
function load(module: ModuleName, importer: string, modules: Modules): Loaded {
  const paths = modulePaths(module, importer);
  for (const [i, path] of paths.entries()) {
    if (!modules.has(path)) return { kind: 'needs', paths: paths.slice(i).filter((p) => !modules.has(p)) };
    const outline = modules.get(path);
    if (outline) return { kind: 'found', path, outline };
  }
  return { kind: 'absent' };
}
