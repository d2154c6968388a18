// A service module as plain data (header, functions, classes) and its source text.

import { generateFunction, renderFunction } from './python-function.mjs';
import { className, ENTITIES } from './vocabulary.mjs';

const QUALIFIERS = ['by_region', 'for_owner', 'in_bulk', 'batch', 'later', 'now', 'safely', 'v2', 'legacy', 'fast'];

/**
 * A module of about `lines` lines around one entity: top-level functions,
 * service classes with methods, and private helpers. Generating twice with
 * equal seeds gives equal modules, which is how staged versions are made.
 */
export function generateModule(random, { entity = random.pick(ENTITIES), lines }) {
  const models = [...new Set([entity, ...random.sample(ENTITIES, 3)])].map(className);
  const module = { entity, header: renderHeader(entity, models), items: [] };
  const topNames = new Set();
  let count = module.header.length;
  while (count < lines) {
    const item = generateItem(random, entity, topNames, lines - count);
    module.items.push(item);
    count += 2 + renderItem(item).length;
  }
  return module;
}

function generateItem(random, mainEntity, topNames, remaining) {
  const entity = random.chance(0.7) ? mainEntity : random.pick(ENTITIES);
  const model = className(entity);
  const roll = random.next();
  if (roll < 0.3 && remaining > 80) {
    const methodNames = new Set();
    const methods = Array.from({ length: random.int(2, 5) }, () => {
      const method = generateFunction(random, { entity, model, isMethod: true });
      method.name = uniqueName(random, method.name, methodNames);
      return method;
    });
    return { kind: 'class', name: uniqueName(random, `${model}Service`, topNames), entity, methods };
  }
  const isPrivate = roll < 0.42;
  const fn = generateFunction(random, { entity, model, pattern: isPrivate ? 'A' : undefined, lines: Math.min(random.int(20, 60), Math.max(remaining, 20)) });
  fn.name = uniqueName(random, isPrivate ? `_${fn.name}` : fn.name, topNames);
  return { kind: 'function', fn };
}

function uniqueName(random, base, used) {
  let name = base;
  for (let attempt = 2; used.has(name); attempt++) {
    name = attempt < 6 ? `${base}_${random.pick(QUALIFIERS)}` : `${base}_${attempt}`;
  }
  used.add(name);
  return name;
}

function renderHeader(entity, models) {
  return [
    `"""${className(entity)} service: use cases that read and change ${entity} records."""`,
    '',
    'from __future__ import annotations',
    '',
    'import logging',
    'from datetime import datetime, timedelta, timezone',
    'from decimal import Decimal',
    '',
    'from app.db import session_scope',
    'from app.events import publish_event',
    `from app.models import ${models.join(', ')}`,
    'from app.services.common import audited, cached, requires_role, retry, traced, transactional',
    '',
    'logger = logging.getLogger(__name__)',
    '',
    `MAX_BATCH = ${100 + models.length * 50}`,
  ];
}

function renderItem(item) {
  if (item.kind === 'function') return renderFunction(item.fn, 0);
  const lines = [
    `class ${item.name}:`,
    `    """Use cases around ${item.entity} records."""`,
    '',
    '    def __init__(self, clock=None):',
    '        self.clock = clock or datetime.now',
    '',
    '    @property',
    '    def default_region(self):',
    '        """The region used when a request names none."""',
    '        return "eu-west"',
  ];
  for (const method of item.methods) lines.push('', ...renderFunction(method, 4));
  return lines;
}

/** The module's source text, ending with a newline. */
export function renderModule(module) {
  const lines = [...module.header];
  for (const item of module.items) lines.push('', '', ...renderItem(item));
  return `${lines.join('\n')}\n`;
}

/**
 * Public functions and methods that a staged change can touch, in source
 * order (docs/rules.md: name and enclosing class not starting with `_`).
 */
export function publicFunctions(module) {
  return module.items.flatMap((item) => {
    if (item.kind === 'function') return item.fn.name.startsWith('_') ? [] : [item.fn];
    return item.methods;
  });
}

/** Appends a new top-level function (a feature added in the staged change). */
export function appendFunction(module, fn) {
  module.items.push({ kind: 'function', fn });
}
