// Service modules that import from each other and call one another's
// functions with the session, as a real service layer does (S7).
//
// The hook follows a modified function's calls into the modules it imports
// (docs/suggestion.md, "Effects that follow the calls"), so a commit's cost
// includes reading those modules. The other scenarios' nested service calls
// (`settle_ledger(order.id, session=sess)`) name functions that exist
// nowhere, so nothing is followed. Here the same generated modules are
// linked after generation: those calls are rewritten to name public functions
// of the other modules, and the imports are added to the header. The plain
// generator is untouched, so the other scenarios' cached repositories stay
// valid (no GENERATOR_VERSION bump).

import { dropSection, touch } from './mutate.mjs';
import { publicFunctions, renderModule } from './python-module.mjs';
import { NESTED_SERVICES } from './python-statements.mjs';
import { createRandom, seedOf } from './random.mjs';
import { moduleAt } from './service-files.mjs';

const NESTED_CALL = new RegExp(`^\\w+_(?:${NESTED_SERVICES.join('|')})\\((\\w+)\\.id, session=(\\w+)\\)$`);

/**
 * @typedef {object} LinkedSpec
 * @property {string} path
 * @property {number} lines
 * @property {{count: number, dropOne?: boolean}} [edit]  staged: `count` public functions touched
 */

/**
 * The committed and staged texts of a package whose modules call each
 * other. Every module is linked (callees call further, to any depth, as
 * in a real repository); only the modules with an `edit` are staged.
 *
 * @param {LinkedSpec[]} specs
 */
export function linkedChange(specs) {
  const modules = specs.map(({ path, lines }) => ({ path, module: moduleAt(path, lines) }));
  const crossCalling = new Set();
  for (const [i, { path, module }] of modules.entries()) {
    const others = modules.filter((_, j) => j !== i);
    for (const fn of link(createRandom(seedOf(`links:${path}`)), module, others)) crossCalling.add(fn);
  }
  const committed = new Map(modules.map(({ path, module }) => [path, renderModule(module)]));
  const staged = new Map();
  for (const [i, { path, module }] of modules.entries()) {
    const { edit } = specs[i];
    if (!edit) continue;
    editLinked(createRandom(seedOf(`staged:${path}`)), module, edit, crossCalling);
    staged.set(path, renderModule(module));
  }
  return { committed, staged };
}

/**
 * Points the module's nested service calls at public top-level functions of
 * the other modules and adds the imports, half as `from pkg import mod`
 * (`mod.f(…)`), half as `from pkg.mod import f`, both of which the hook
 * resolves. Returns the functions that now call into another module.
 */
function link(random, module, others) {
  const bound = new Set(module.items.map((item) => (item.kind === 'function' ? item.fn.name : item.name)));
  const styles = new Map(others.map((other) => [other.path, random.chance(0.5) ? 'module' : 'names']));
  const imported = new Map(); // path of the callee module → names imported from it
  const crossCalling = [];
  for (const fn of allFunctions(module)) {
    let calls = false;
    fn.body = fn.body.map(([depth, text]) => {
      const match = NESTED_CALL.exec(text);
      if (!match) return [depth, text];
      const target = random.pick(others);
      const callee = calleeIn(target);
      calls = true;
      return [depth, `${callee}(${match[1]}.id, session=${match[2]})`];
    });
    if (calls) crossCalling.push(fn);
  }
  const at = module.header.findIndex((line) => line.startsWith('from app.services.common import')) + 1;
  module.header.splice(at, 0, ...importLines(styles, imported));
  return crossCalling;

  /** The call's text, recording the import it needs. */
  function calleeIn(target) {
    const names = imported.get(target.path) ?? new Set();
    imported.set(target.path, names);
    const exported = topLevelPublic(target.module);
    // A name already bound in this module (its own function, or one imported from elsewhere) would shadow: call through the module.
    const free = exported.filter((name) => names.has(name) || !bound.has(name));
    if (styles.get(target.path) === 'names' && free.length > 0) {
      const name = random.pick(free);
      names.add(name);
      bound.add(name);
      return name;
    }
    names.add(''); // the module itself
    return `${moduleName(target.path).split('.').pop()}.${random.pick(exported)}`;
  }
}

function importLines(styles, imported) {
  const lines = [];
  for (const [path, names] of [...imported].sort(([a], [b]) => a.localeCompare(b))) {
    const dotted = moduleName(path);
    const functions = [...names].filter((name) => name !== '').sort();
    if (names.has('')) lines.push(`from ${dotted.split('.').slice(0, -1).join('.')} import ${dotted.split('.').pop()}`);
    if (functions.length > 0 && styles.get(path) === 'names') lines.push(`from ${dotted} import ${functions.join(', ')}`);
  }
  return lines;
}

/**
 * The staged edit: `count` public functions touched, the first of them one
 * that documents its section and calls into another module, so TXB004 and
 * TXB005 read its body and its callees' modules; the rest at random.
 */
function editLinked(random, module, { count, dropOne = false }, crossCalling) {
  const candidates = publicFunctions(module);
  const documented = candidates.filter((fn) => crossCalling.has(fn) && fn.docstring?.section);
  const first = random.sample(documented, 1);
  const rest = random.sample(
    candidates.filter((fn) => !first.includes(fn)),
    count - first.length,
  );
  const targets = [...first, ...rest];
  for (const fn of targets) touch(random, fn);
  if (dropOne && rest[0]) dropSection(rest[0]);
}

function allFunctions(module) {
  return module.items.flatMap((item) => (item.kind === 'function' ? [item.fn] : item.methods));
}

function topLevelPublic(module) {
  return module.items.filter((item) => item.kind === 'function' && !item.fn.name.startsWith('_')).map((item) => item.fn.name);
}

/** `app/services/billing.py` → `app.services.billing`. */
function moduleName(path) {
  return path.replace(/\.py$/, '').replaceAll('/', '.');
}
