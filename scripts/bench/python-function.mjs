// One service function as plain data: decorators, signature, docstring, body.

import * as snippet from './python-statements.mjs';
import { DECORATORS, SECTIONS, VERBS } from './vocabulary.mjs';

/**
 * @typedef {object} PyFunction
 * @property {string} name
 * @property {'A'|'B'|'C'} pattern   what the body does (docs/suggestion.md)
 * @property {boolean} isAsync
 * @property {string[]} decorators
 * @property {string[]} params
 * @property {{summary: string, details: string[], section: string[]|null, sectionFirst: boolean}|null} docstring
 * @property {Array<[number, string]>} body   [depth, text] relative to the body
 */

/**
 * A function of 20–60 lines (or `lines` when given) that reads, writes once,
 * or runs several steps through a nested `_impl(sess)` helper.
 */
export function generateFunction(random, { entity, model, isMethod = false, name, pattern = random.pick(['A', 'A', 'B', 'C']), lines = random.int(20, 60) }) {
  const who = snippet.names(entity, model);
  const fn = {
    name: name ?? `${random.pick(VERBS[pattern])}_${entity}`,
    pattern,
    isAsync: random.chance(0.08),
    decorators: random.chance(0.3) ? [random.pick(DECORATORS).replace('{entity}', entity)] : [],
    params: [...(isMethod ? ['self'] : []), who.id, ...(random.chance(0.4) ? ['*', 'limit=100'] : []), 'session=None'],
    docstring: generateDocstring(random, pattern, entity),
    body: [],
  };
  const budget = lines - fn.decorators.length - 1 - docstringLength(fn.docstring);
  fn.body = generateBody(random, pattern, who, Math.max(budget, 8), fn.isAsync);
  return fn;
}

function generateDocstring(random, pattern, entity) {
  if (random.chance(0.1)) return null;
  const summary = `${pattern === 'A' ? 'Return' : 'Change'} the ${entity} and what depends on it.`;
  if (random.chance(0.15)) return { summary, details: [], section: null, sectionFirst: false };
  const details = [
    `The ${entity} is looked up by id; a missing one raises LookupError.`,
    '',
    'Args:',
    `    ${entity}_id: primary key of the ${entity}.`,
    '    session: an open session, or None to open one.',
  ];
  const section = random.chance(0.6) ? random.pick(SECTIONS[pattern]).map((line) => line.replace('{entity}', entity)) : null;
  return { summary, details, section, sectionFirst: random.chance(0.3) };
}

/** Lines the rendered docstring takes. */
function docstringLength(docstring) {
  return renderDocstring(docstring, '').length;
}

function generateBody(random, pattern, who, budget, isAsync) {
  const body = [];
  const put = (depth, pairs) => {
    for (const [relative, text] of pairs) body.push([depth + relative, text]);
  };
  if (pattern === 'C') {
    const steps = [snippet.load(who, 'sess'), snippet.transition(random, who), snippet.write(random, who, 'sess'), snippet.nestedCall(random, who, 'sess')];
    if (random.chance(0.5)) steps.push(snippet.write(random, who, 'sess'), snippet.nestedCall(random, who, 'sess'));
    const dispatch = [
      [0, ''],
      [0, 'if session is not None:'],
      [1, 'return _impl(session)'],
      [0, 'with session_scope() as sess:'],
      [1, 'return _impl(sess)'],
    ];
    fill(random, who, steps, budget - 2 - dispatch.length);
    put(0, [[0, 'def _impl(sess):']]);
    for (const step of steps) put(1, step);
    put(1, [[0, `return ${who.entity}`]]);
    put(0, dispatch);
    return body;
  }
  const steps = [snippet.load(who, 'sess')];
  if (pattern === 'A') steps.push(snippet.query(random, who, 'sess'), snippet.payload(random, who));
  else steps.push(snippet.assign(random, who), snippet.write(random, who, 'sess'));
  if (isAsync) steps.push([[0, `await publish_event("${who.entity}.seen", ${who.entity}.id)`]]);
  const opening = snippet.guard(random, who);
  fill(random, who, steps, budget - opening.length - 2);
  put(0, opening);
  put(0, [[0, 'with session_scope(session) as sess:']]);
  for (const step of steps) put(1, step);
  put(1, [[0, pattern === 'A' ? 'return result' : `return ${who.entity}`]]);
  return body;
}

/** Adds verdict-neutral statements before the last step until the budget is used. */
function fill(random, who, steps, budget) {
  let used = steps.reduce((sum, step) => sum + step.length, 0);
  while (used < budget) {
    const extra = random.pick(snippet.FILLERS)(random, who);
    if (used + extra.length > budget + 2) break;
    steps.splice(Math.max(1, steps.length - 1), 0, extra);
    used += extra.length;
  }
}

/** The function's source lines, indented by `indent` spaces. */
export function renderFunction(fn, indent) {
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + 4);
  const lines = fn.decorators.map((decorator) => pad + decorator);
  lines.push(`${pad}${fn.isAsync ? 'async ' : ''}def ${fn.name}(${fn.params.join(', ')}):`);
  lines.push(...renderDocstring(fn.docstring, inner));
  for (const [depth, text] of fn.body) lines.push(text === '' ? '' : inner + '    '.repeat(depth) + text);
  return lines;
}

function renderDocstring(docstring, pad) {
  if (!docstring) return [];
  const { summary, details, section, sectionFirst } = docstring;
  if (details.length === 0 && !section) return [`${pad}"""${summary}"""`];
  const blocks = [details];
  if (section) blocks.splice(sectionFirst ? 0 : 1, 0, section);
  const text = [summary, ...blocks.flatMap((block) => ['', ...block])].filter((line, i, all) => !(line === '' && all[i - 1] === ''));
  const lines = text.map((line, i) => (i === 0 ? `${pad}"""${line}` : line === '' ? '' : pad + line));
  lines.push(`${pad}"""`);
  return lines;
}
