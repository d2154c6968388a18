// Deterministic service modules, addressed by path: the same path always
// gives the same committed text and the same staged edit.

import { publicFunctions, generateModule, renderModule, appendFunction } from './python-module.mjs';
import { generateFunction } from './python-function.mjs';
import { addStep, dropSection, editLine, touch } from './mutate.mjs';
import { createRandom, seedOf } from './random.mjs';
import { className, ENTITIES } from './vocabulary.mjs';

/** The module at `path` as data, before any edit. */
export function moduleAt(path, lines) {
  return generateModule(createRandom(seedOf(path)), { entity: ENTITIES[seedOf(`entity:${path}`) % ENTITIES.length], lines });
}

/** The committed text of the module at `path`. */
export function committedModule(path, lines) {
  return renderModule(moduleAt(path, lines));
}

/**
 * The staged text after a developer touched `count` public functions
 * (one of them also losing its section when `dropOne` is set) and, with
 * `addFunction`, wrote a new one at the end.
 */
export function editedModule(path, lines, { count, dropOne = false, addFunction = false }) {
  const module = moduleAt(path, lines);
  const random = createRandom(seedOf(`staged:${path}`));
  const targets = random.sample(publicFunctions(module), count);
  for (const fn of targets) touch(random, fn);
  if (dropOne && targets[0]) dropSection(targets[0]);
  if (addFunction) {
    const entity = module.entity;
    const fn = generateFunction(random, { entity, model: className(entity), name: `reconcile_${entity}_totals` });
    addStep(fn);
    appendFunction(module, fn);
  }
  return renderModule(module);
}

/** The staged text after one line in the middle function of the module changed. */
export function oneLineEdit(path, lines) {
  const module = moduleAt(path, lines);
  const functions = publicFunctions(module);
  editLine(functions[Math.floor(functions.length / 2)]);
  return renderModule(module);
}

/** Number of lines of a text that ends with a newline. */
export function lineCount(text) {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
