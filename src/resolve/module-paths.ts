import type { ModuleName } from '../session-types.js';

/**
 * Where the module an import names may live in the repository, most likely first: `pkg/mod.py`, then `pkg/mod/__init__.py`.
 * An absolute import is looked up from the top of the repository, from `src/`, and from every folder above the importing file
 * (a `backend/app/…` tree imports `app.…`); a relative one against the importing file's package.
 * Third-party and standard-library modules simply are not found.
 *
 *     modulePaths({ level: 0, name: 'app.db' }, 'api/app/orders.py')
 *       → app/db.py, app/db/__init__.py, src/app/db.py, …, api/app/db.py, …
 *     modulePaths({ level: 1, name: 'payments' }, 'app/services/orders.py')
 *       → app/services/payments.py, app/services/payments/__init__.py
 */
export function modulePaths(module: ModuleName, importer: string): string[] {
  const relative = module.name === '' ? [] : module.name.split('.');
  const dirs = importer.split('/').slice(0, -1);
  if (module.level > 0) {
    const up = module.level - 1;
    if (up > dirs.length) return [];
    return candidates([...dirs.slice(0, dirs.length - up), ...relative].join('/'), relative.length === 0);
  }
  if (relative.length === 0) return [];
  // `backend/app/orders.py` adds `backend/` and `backend/app/`.
  const roots = ['', 'src/', ...dirs.map((_, i) => `${dirs.slice(0, i + 1).join('/')}/`)];
  return [...new Set(roots.flatMap((root) => candidates(`${root}${relative.join('/')}`, false)))];
}

/** `a/b` → `a/b.py`, `a/b/__init__.py`; a bare package (`from . import x`) → its `__init__.py`. */
function candidates(path: string, packageOnly: boolean): string[] {
  const init = path === '' ? '__init__.py' : `${path}/__init__.py`;
  return packageOnly ? [init] : [`${path}.py`, init];
}

/** The submodule `name` of a module: `pkg` + `mod` → `pkg.mod`, `.` + `mod` → `.mod`. */
export function submodule(module: ModuleName, name: string): ModuleName {
  return { level: module.level, name: module.name === '' ? name : `${module.name}.${name}` };
}
