// Snippets of service-layer Python. Each returns [depth, text] pairs relative
// to the block it is placed in; the caller indents them.

import { FIELDS, STATUSES, VERBS } from './vocabulary.mjs';

/** `order_id`, `self`-free argument names and the model class for an entity. */
export function names(entity, model) {
  return { entity, model, id: `${entity}_id` };
}

export function guard(_random, { id, entity }) {
  return [
    [0, `if not ${id}:`],
    [1, `raise ValueError("${entity} id is required")`],
  ];
}

export function logLine(random, { entity, id }) {
  const verb = random.pick([...VERBS.A, ...VERBS.B]);
  return [[0, `logger.${random.pick(['info', 'debug'])}("${verb} ${entity} %s", ${id})`]];
}

export function comment(random, { entity }) {
  const text = random.pick([
    `Keep the ${entity} lookup first: later steps rely on its row lock.`,
    `Totals are recomputed here rather than trusted from the client.`,
    `Callers pass naive datetimes; normalise before comparing.`,
    `The ${entity} may have been archived concurrently.`,
  ]);
  return [[0, `# ${text}`]];
}

export function load({ entity, model, id }, session) {
  return [
    [0, `${entity} = ${session}.get(${model}, ${id})`],
    [0, `if ${entity} is None:`],
    [1, `raise LookupError(f"${entity} {${id}} not found")`],
  ];
}

export function query(random, { model }, session) {
  const field = random.pick(FIELDS);
  return [
    [0, 'rows = ('],
    [1, `${session}.query(${model})`],
    [1, `.filter(${model}.${field} == ${random.pick([`"${random.pick(STATUSES)}"`, String(random.int(1, 500))])})`],
    [1, `.order_by(${model}.id)`],
    [1, `.limit(${random.int(10, 500)})`],
    [1, '.all()'],
    [0, ')'],
  ];
}

export function tally(random) {
  const field = random.pick(FIELDS);
  return [
    [0, 'totals = {}'],
    [0, 'for row in rows:'],
    [1, `key = row.${field}`],
    [1, 'totals[key] = totals.get(key, 0) + 1'],
  ];
}

export function payload(random, { entity }) {
  const fields = random.sample(FIELDS, random.int(2, 5));
  return [[0, 'result = {'], [1, `"id": ${entity}.id,`], ...fields.map((field) => [1, `"${field}": ${entity}.${field},`]), [0, '}']];
}

export function compute(random) {
  const rate = (random.int(1, 30) / 100).toFixed(2);
  return [
    [0, `subtotal = sum(line.amount for line in lines)`],
    [0, `discount = round(subtotal * ${rate}, 2)`],
    [0, 'if discount > subtotal:'],
    [1, 'discount = subtotal'],
  ];
}

export function transition(random, { entity }) {
  const [from, to] = random.sample(STATUSES, 2);
  return [
    [0, `if ${entity}.status == "${from}":`],
    [1, `${entity}.status = "${to}"`],
    [1, `${entity}.updated_at = datetime.now(timezone.utc)`],
  ];
}

export function assign(random, { entity }) {
  const field = random.pick(FIELDS);
  return [[0, `${entity}.${field} = ${field} if ${field} is not None else ${entity}.${field}`]];
}

/** A write site the suggestion (docs/suggestion.md) counts. */
export function write(random, { entity, model }, session) {
  return random.pick([
    () => [[0, `${session}.add(${entity})`]],
    () => [[0, `${session}.flush()`]],
    () => [[0, `${session}.add_all([${model}Line(${entity}=${entity}, n=n) for n in range(3)])`]],
    () => [[0, `${session}.query(${model}).filter(${model}.id == ${entity}.id).update({"status": "${random.pick(STATUSES)}"})`]],
  ])();
}

/** The services a nested call names (`settle_ledger(…)`); linked-modules.mjs finds these calls by them. */
export const NESTED_SERVICES = ['inventory', 'ledger', 'audit', 'notification', 'billing'];

/** A nested service call that hands the session on. */
export function nestedCall(random, { entity }, session) {
  const other = random.pick(NESTED_SERVICES);
  const verb = random.pick([...VERBS.B, ...VERBS.C]);
  return [[0, `${verb}_${other}(${entity}.id, session=${session})`]];
}

export function recent(random) {
  return [
    [0, `since = datetime.now(timezone.utc) - timedelta(days=${random.int(1, 90)})`],
    [0, 'recent = [row for row in rows if row.updated_at >= since]'],
  ];
}

export function coerce(random) {
  const field = random.pick(['amount', 'quantity', 'priority']);
  return [
    [0, 'try:'],
    [1, `${field} = Decimal(str(${field}))`],
    [0, 'except (TypeError, ValueError):'],
    [1, `raise ValueError("${field} must be a number") from None`],
  ];
}

/** Fillers that keep a function's verdict: no writes, no session hand-off. */
export const FILLERS = [guard, logLine, comment, tally, compute, payload, recent, coerce];
