/**
 * A generated, realistic service layer in the style of docs/suggestion.md, with known
 * defects planted: the yardstick for TXB004–TXB006. Every function is made
 * from one template, and every template says which of TXB004–TXB006 a
 * careful reviewer would raise on it. The expectation is the truth about the
 * code, not what txboundary is known to do: the "hard" templates are
 * realistic code the heuristics are expected to get wrong, so the measured
 * precision and recall are honest.
 */

export type BodyCode = 'TXB004' | 'TXB005' | 'TXB006';

export interface CorpusFunction {
  file: string;
  function: string;
  template: string;
  expected: BodyCode[];
}

export interface Corpus {
  files: Record<string, string>;
  functions: CorpusFunction[];
}

interface Noun {
  /** `order` */
  n: string;
  /** `Order` */
  N: string;
}

interface Made {
  imports: string[];
  code: string;
  expected: BodyCode[];
}

interface Template {
  name: string;
  kind: 'clean' | 'defect' | 'hard';
  weight: number;
  /** `name` is the function's (unique) name; the template returns its source. */
  make: (name: string, noun: Noun) => Made;
  /** The base of the function's name. */
  base: (noun: Noun) => string;
}

const DB = 'from app.db import session_scope';
const MODELS = (noun: Noun) => `from app.models import ${noun.N}`;

const doc = (summary: string, claim: string, ...more: string[]) => [`    """${summary}`, '', `    Transaction boundary: ${claim}`, ...more.map((line) => `        ${line}`), '    """'].join('\n');

const A = (noun: Noun) => doc(`Return ${noun.n} data.`, 'Read-only, no transaction needed.', 'Safe without a session; a passed session gives consistent reads.');
const B = (what: string) => doc(what, 'Single operation, automatically atomic.', 'With a session the caller controls commit/rollback; without one a', 'session_scope() commits on success.');
const C = (what: string, ...steps: string[]) =>
  doc(
    what,
    'ALL operations in single session (atomic).',
    'Atomicity guarantee: all steps succeed or all roll back.',
    'Steps executed atomically:',
    ...steps.map((s, i) => `    ${i + 1}. ${s}`),
    'CRITICAL: every nested service call receives the session.',
  );

const fn = (header: string, docstring: string, ...body: string[]) => [header, docstring, ...body.map((line) => `    ${line}`)].join('\n');

const TEMPLATES: Template[] = [
  // ---- clean code: nothing to report -------------------------------------------------
  {
    name: 'read-inherit',
    kind: 'clean',
    weight: 3,
    base: ({ n }) => `get_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: [],
      code: fn(`def ${name}(key, session=None):`, A(noun), 'with session_scope(session) as s:', `    return s.get(${noun.N}, key)`),
    }),
  },
  {
    name: 'list-with-set',
    kind: 'clean',
    weight: 3,
    base: ({ n }) => `list_${n}_ids`,
    make: (name, noun) => ({
      imports: [MODELS(noun)],
      expected: [],
      code: fn(
        `def ${name}(session, status):`,
        A(noun),
        'seen = set()',
        'result = []',
        `for row in session.query(${noun.N}).filter_by(status=status):`,
        '    if row.id not in seen:',
        '        seen.add(row.id)',
        '        result.append(row.id)',
        'return result',
      ),
    }),
  },
  {
    name: 'pure-computation',
    kind: 'clean',
    weight: 2,
    base: ({ n }) => `summarize_${n}s`,
    make: (name) => ({
      imports: [],
      expected: [],
      code: fn(
        `def ${name}(rows):`,
        doc('Total the rows.', 'Pure computation (no database access).'),
        'totals = {}',
        'tags = set()',
        'for row in rows:',
        '    totals[row.kind] = totals.get(row.kind, 0) + row.amount',
        '    tags.add(row.kind)',
        'totals.update({"tags": sorted(tags)})',
        'return totals',
      ),
    }),
  },
  {
    name: 'create-inherit-flush',
    kind: 'clean',
    weight: 3,
    base: ({ n }) => `create_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: [],
      code: fn(
        `def ${name}(data, session=None):`,
        B(`Create a ${noun.n}.`),
        'with session_scope(session) as s:',
        `    obj = ${noun.N}(**data)`,
        '    s.add(obj)',
        '    s.flush()',
        '    return obj.id',
      ),
    }),
  },
  {
    name: 'impl-idiom',
    kind: 'clean',
    weight: 3,
    base: ({ n }) => `update_${n}_status`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: [],
      code: fn(
        `def ${name}(key, status, session=None):`,
        B(`Set a ${noun.n}'s status.`),
        'def _impl(sess):',
        `    obj = sess.get(${noun.N}, key)`,
        '    obj.status = status',
        '    sess.add(obj)',
        '    return obj',
        'if session is not None:',
        '    return _impl(session)',
        'with session_scope() as s:',
        '    return _impl(s)',
      ),
    }),
  },
  {
    name: 'if-else-same-write',
    kind: 'clean',
    weight: 2,
    base: ({ n }) => `archive_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: [],
      code: fn(
        `def ${name}(obj, session=None):`,
        B(`Archive a ${noun.n}.`),
        'obj.archived = True',
        'if session is None:',
        '    with session_scope() as s:',
        '        s.add(obj)',
        'else:',
        '    session.add(obj)',
      ),
    }),
  },
  {
    name: 'none-guard-recurse',
    kind: 'clean',
    weight: 2,
    base: ({ n }) => `touch_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: [],
      code: fn(
        `def ${name}(key, session=None):`,
        B(`Touch a ${noun.n}.`),
        'if session is None:',
        '    with session_scope() as s:',
        `        return ${name}(key, session=s)`,
        `obj = session.get(${noun.N}, key)`,
        'session.merge(obj)',
      ),
    }),
  },
  {
    name: 'multi-step-passing',
    kind: 'clean',
    weight: 3,
    base: ({ n }) => `process_${n}_refund`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun), 'from app.services.payments import record_payment, get_balance', 'from app.services import payments', 'from app.services.audit import log_event, write_audit'],
      expected: [],
      code: fn(
        `def ${name}(key, amount, session=None):`,
        C(`Refund a ${noun.n}.`, 'record the refund', 'record the payment', 'log it'),
        'with session_scope(session) as s:',
        `    obj = s.get(${noun.N}, key)`,
        '    balance = get_balance(obj.customer_id, session=s)',
        '    obj.refunded = min(amount, balance)',
        '    s.add(obj)',
        '    record_payment(key, -amount, session=s)',
        '    payments.refund_payment(s, key, amount)',
        '    log_event(s, "refunded")',
        '    write_audit("refund", session=s)',
      ),
    }),
  },
  {
    name: 'helpers-without-session',
    kind: 'clean',
    weight: 3,
    base: ({ n }) => `notify_${n}_owner`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun), 'from app.utils import format_money', 'from app.services.notifications import send_email', 'import logging'],
      expected: [],
      code: fn(
        `def ${name}(key, session=None):`,
        A(noun),
        'with session_scope(session) as s:',
        `    obj = s.get(${noun.N}, key)`,
        '    body = format_money(obj.total)',
        '    logging.getLogger(__name__).info("notify %s", key)',
        '    send_email(obj.owner_email, body)',
        '    return body',
      ),
    }),
  },
  {
    name: 'reexport-passing',
    kind: 'clean',
    weight: 2,
    base: ({ n }) => `settle_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun), 'from app.services import record_payment'],
      expected: [],
      code: fn(
        `def ${name}(key, session=None):`,
        C(`Settle a ${noun.n}.`, 'mark settled', 'record the payment'),
        'with session_scope(session) as s:',
        `    obj = s.get(${noun.N}, key)`,
        '    obj.settled = True',
        '    s.add(obj)',
        '    record_payment(key, obj.total, s)',
      ),
    }),
  },
  {
    name: 'per-item-transactions',
    kind: 'clean',
    weight: 2,
    base: ({ n }) => `import_${n}s`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: [],
      code: fn(
        `def ${name}(rows):`,
        doc(`Import ${noun.n}s.`, 'One transaction per row; a bad row does not undo the others.'),
        'for row in rows:',
        '    with session_scope() as s:',
        `        s.add(${noun.N}(**row))`,
      ),
    }),
  },
  {
    name: 'failure-recorded-apart',
    kind: 'clean',
    weight: 2,
    base: ({ n }) => `run_${n}_job`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: [],
      code: fn(
        `def ${name}(job):`,
        doc('Run a job.', 'Own transaction; on failure the failure is recorded in a separate one.'),
        'try:',
        '    with session_scope() as s:',
        '        job.run(s)',
        '        s.add(job)',
        'except Exception:',
        '    with session_scope() as s:',
        '        s.add(JobFailure(job_id=job.id))',
        '    raise',
      ),
    }),
  },
  {
    name: 'no-session-held',
    kind: 'clean',
    weight: 2,
    base: ({ n }) => `nightly_${n}_fees`,
    make: (name) => ({
      imports: ['from app.services.payments import record_payment'],
      expected: [],
      code: fn(
        `def ${name}(charges):`,
        doc('Charge fees.', 'Each fee is its own transaction (record_payment opens one).'),
        'for charge in charges:',
        '    record_payment(charge.order_id, charge.amount)',
      ),
    }),
  },
  {
    name: 'method-passing',
    kind: 'clean',
    weight: 2,
    base: ({ N }) => `${N}Service.close`,
    make: (name, noun) => {
      const [cls, method] = name.split('.');
      return {
        imports: [DB, MODELS(noun)],
        expected: [],
        code: [
          `class ${cls}:`,
          '    def _mark(self, obj, session=None):',
          '        obj.closed = True',
          '        session.add(obj)',
          '',
          `    def ${method}(self, key, session=None):`,
          B(`Close a ${noun.n}.`).replace(/^/gm, '    '),
          '        with session_scope(session) as s:',
          `            self._mark(s.get(${noun.N}, key), session=s)`,
        ].join('\n'),
      };
    },
  },
  // ---- planted defects -----------------------------------------------------------------
  {
    name: 'read-only-writes',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `get_or_create_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: ['TXB004'],
      code: fn(
        `def ${name}(key, session=None):`,
        A(noun),
        'with session_scope(session) as s:',
        `    obj = s.get(${noun.N}, key)`,
        '    if obj is None:',
        `        obj = ${noun.N}(id=key)`,
        '        s.add(obj)',
        '    return obj',
      ),
    }),
  },
  {
    name: 'read-only-executes-update',
    kind: 'defect',
    weight: 1,
    base: ({ n }) => `count_${n}_views`,
    make: (name, noun) => ({
      imports: [MODELS(noun), 'from sqlalchemy import update'],
      expected: ['TXB004'],
      code: fn(
        `def ${name}(key, session):`,
        doc('Count views.', 'Read-only.'),
        `session.execute(update(${noun.N}).where(${noun.N}.id == key).values(views=${noun.N}.views + 1))`,
        `return session.get(${noun.N}, key).views`,
      ),
    }),
  },
  {
    name: 'single-two-writes',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `replace_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: ['TXB004'],
      code: fn(`def ${name}(old, data, session=None):`, B(`Replace a ${noun.n}.`), 'with session_scope(session) as s:', '    s.delete(old)', `    s.add(${noun.N}(**data))`),
    }),
  },
  {
    name: 'single-write-and-call',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `pay_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun), 'from app.services.payments import record_payment'],
      expected: ['TXB004'],
      code: fn(
        `def ${name}(key, amount, session=None):`,
        B(`Pay a ${noun.n}.`),
        'with session_scope(session) as s:',
        `    obj = s.get(${noun.N}, key)`,
        '    obj.paid = True',
        '    s.add(obj)',
        '    record_payment(key, amount, session=s)',
      ),
    }),
  },
  {
    name: 'dropped-imported',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `refund_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun), 'from app.services.payments import record_payment'],
      expected: ['TXB005'],
      code: fn(
        `def ${name}(key, amount, session=None):`,
        C(`Refund a ${noun.n}.`, 'mark refunded', 'record the payment'),
        'with session_scope(session) as s:',
        `    obj = s.get(${noun.N}, key)`,
        '    obj.refunded = True',
        '    s.add(obj)',
        '    record_payment(key, -amount)',
      ),
    }),
  },
  {
    name: 'dropped-module-alias',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `cancel_${n}`,
    make: (name, noun) => ({
      imports: [MODELS(noun), 'from app.services import payments'],
      expected: ['TXB005'],
      code: fn(
        `def ${name}(key, session):`,
        C(`Cancel a ${noun.n}.`, 'mark cancelled', 'refund the payment'),
        `obj = session.get(${noun.N}, key)`,
        'obj.cancelled = True',
        'session.add(obj)',
        'payments.refund_payment(key=key, amount=obj.total)',
      ),
    }),
  },
  {
    name: 'dropped-same-module',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `close_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: ['TXB005'],
      code: [
        `def _history_${name}(key, session=None):`,
        `    with session_scope(session) as s:`,
        `        s.add(${noun.N}History(key=key))`,
        '',
        '',
        fn(
          `def ${name}(key, session=None):`,
          C(`Close a ${noun.n}.`, 'mark closed', 'write history'),
          'with session_scope(session) as s:',
          `    s.get(${noun.N}, key).closed = True`,
          `    _history_${name}(key)`,
        ),
      ].join('\n'),
    }),
  },
  {
    name: 'dropped-keyword-only',
    kind: 'defect',
    weight: 1,
    base: ({ n }) => `flag_${n}`,
    make: (name, noun) => ({
      imports: [MODELS(noun), 'from .audit import write_audit'],
      expected: ['TXB005'],
      code: fn(`def ${name}(key, reason, session):`, C(`Flag a ${noun.n}.`, 'flag', 'audit'), `session.get(${noun.N}, key).flagged = reason`, 'write_audit(f"flagged {key}")'),
    }),
  },
  {
    name: 'dropped-reexport',
    kind: 'defect',
    weight: 1,
    base: ({ n }) => `charge_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun), 'from app.services import record_payment'],
      expected: ['TXB005'],
      code: fn(
        `def ${name}(key, amount, session=None):`,
        C(`Charge a ${noun.n}.`, 'charge', 'record'),
        'with session_scope(session) as s:',
        `    s.get(${noun.N}, key).charged = True`,
        '    record_payment(key, amount)',
      ),
    }),
  },
  {
    name: 'dropped-self-method',
    kind: 'defect',
    weight: 1,
    base: ({ N }) => `${N}Manager.reopen`,
    make: (name, noun) => {
      const [cls, method] = name.split('.');
      return {
        imports: [MODELS(noun)],
        expected: ['TXB005'],
        code: [
          `class ${cls}:`,
          '    def log_change(self, key, session=None):',
          '        """Log a change.\n\n        Transaction boundary: Single operation, automatically atomic.\n        """',
          `        session.add(${noun.N}Change(key=key))`,
          '',
          `    def ${method}(self, key, session):`,
          C(`Reopen a ${noun.n}.`, 'reopen', 'log').replace(/^/gm, '    '),
          `        session.get(${noun.N}, key).closed = False`,
          '        self.log_change(key)',
        ].join('\n'),
      };
    },
  },
  {
    name: 'two-scopes',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `transfer_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: ['TXB006'],
      code: fn(
        `def ${name}(source_key, target_key):`,
        C(`Transfer a ${noun.n}.`, 'release', 'assign'),
        'with session_scope() as s:',
        `    s.get(${noun.N}, source_key).owner = None`,
        'with session_scope() as s:',
        `    s.get(${noun.N}, target_key).owner = "new"`,
      ),
    }),
  },
  {
    name: 'fresh-scope-when-handed',
    kind: 'defect',
    weight: 2,
    base: ({ n }) => `restore_${n}`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: ['TXB006'],
      code: fn(`def ${name}(key, session=None):`, doc(`Restore a ${noun.n}.`, 'Inherits session from caller.'), 'with session_scope() as s:', `    s.get(${noun.N}, key).deleted = False`),
    }),
  },
  {
    name: 'single-two-scopes',
    kind: 'defect',
    weight: 1,
    base: ({ n }) => `merge_${n}s`,
    make: (name, noun) => ({
      imports: [DB, MODELS(noun)],
      expected: ['TXB004', 'TXB006'],
      code: fn(`def ${name}(keep, drop):`, B(`Merge two ${noun.n}s.`), 'with session_scope() as s:', '    s.add(keep)', 'with session_scope() as s:', '    s.delete(drop)'),
    }),
  },
  // ---- realistic code the heuristics get wrong -----------------------------------------
  {
    name: 'hard: read-only adds to a set it is given',
    kind: 'hard',
    weight: 1,
    base: ({ n }) => `collect_${n}_tags`,
    make: (name, noun) => ({
      imports: [MODELS(noun)],
      expected: [],
      code: fn(`def ${name}(session, key, tags):`, A(noun), `for tag in session.get(${noun.N}, key).tags:`, '    tags.add(tag.name)', 'return tags'),
    }),
  },
  {
    name: 'hard: an HTTP session parameter',
    kind: 'hard',
    weight: 1,
    base: ({ n }) => `price_${n}`,
    make: (name, noun) => ({
      imports: [MODELS(noun), 'from app.clients.fx import fetch_rate'],
      expected: [],
      code: fn(`def ${name}(key, currency, session):`, A(noun), `obj = session.get(${noun.N}, key)`, 'return obj.total * fetch_rate(currency)'),
    }),
  },
  {
    name: 'hard: callee through a local alias',
    kind: 'hard',
    weight: 1,
    base: ({ n }) => `rebill_${n}`,
    make: (name, noun) => ({
      imports: [MODELS(noun), 'from app.services import payments'],
      expected: ['TXB005'],
      code: fn(`def ${name}(key, session):`, C(`Rebill a ${noun.n}.`, 'mark', 'charge'), 'charge = payments.record_payment', `session.get(${noun.N}, key).rebilled = True`, 'charge(key, 10)'),
    }),
  },
];

const NOUNS = [
  'order',
  'invoice',
  'customer',
  'shipment',
  'stock_item',
  'subscription',
  'coupon',
  'cart',
  'product',
  'warehouse',
  'supplier',
  'return_request',
  'loyalty_account',
  'ticket',
  'review',
  'account',
  'ledger_entry',
  'payout',
  'tax_rate',
  'report',
  'user',
  'team',
  'project',
  'task',
  'comment',
  'tag',
  'webhook',
  'quote',
  'contract',
  'lead',
  'campaign',
  'voucher',
  'booking',
  'device',
  'license',
  'membership',
];

const SHARED: Record<string, string> = {
  'app/__init__.py': '',
  'app/db.py': [
    'from contextlib import contextmanager',
    '',
    '',
    '@contextmanager',
    'def session_scope(session=None):',
    '    if session is not None:',
    '        yield session',
    '        return',
    '    s = Session()',
    '    try:',
    '        yield s',
    '        s.commit()',
    '    except Exception:',
    '        s.rollback()',
    '        raise',
    '',
  ].join('\n'),
  'app/services/__init__.py': 'from .payments import record_payment\nfrom . import audit\n',
  'app/services/payments.py': [
    'from app.db import session_scope',
    '',
    '',
    'def record_payment(order_id, amount, session=None):',
    '    with session_scope(session) as s:',
    '        s.add(Payment(order_id=order_id, amount=amount))',
    '',
    '',
    'def refund_payment(session, key, amount):',
    '    session.add(Payment(order_id=key, amount=-amount))',
    '',
    '',
    'def get_balance(customer_id, session=None):',
    '    with session_scope(session) as s:',
    '        return s.query(Payment).filter_by(customer_id=customer_id).count()',
    '',
  ].join('\n'),
  'app/services/audit.py': [
    'def log_event(sess, message):',
    '    sess.add(AuditLog(message=message))',
    '',
    '',
    'def write_audit(message, *, session=None):',
    '    session.add(AuditLog(message=message))',
    '',
  ].join('\n'),
  'app/services/notifications.py': 'def send_email(to, body):\n    return (to, body)\n',
  'app/clients/__init__.py': '',
  'app/clients/fx.py': 'import requests\n\n\ndef fetch_rate(currency, session=None):\n    http = session or requests.Session()\n    return http.get(f"https://fx.invalid/{currency}").json()["rate"]\n',
  'app/utils.py': 'def format_money(amount):\n    return f"{amount:.2f}"\n',
};

/** A small deterministic PRNG (mulberry32), so the corpus is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const camel = (noun: string) =>
  noun
    .split('_')
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');

/**
 * One module per noun (36), each with 6–9 functions drawn by weight from the
 * templates, plus the shared modules they import (`app/db.py`,
 * `app/services/payments.py`, an `__init__.py` that re-exports, …).
 */
export function generateCorpus(seed = 20251127): Corpus {
  const next = random(seed);
  const files: Record<string, string> = { ...SHARED };
  const functions: CorpusFunction[] = [];
  const total = TEMPLATES.reduce((sum, t) => sum + t.weight, 0);
  const pick = (): Template => {
    let at = next() * total;
    for (const template of TEMPLATES) {
      at -= template.weight;
      if (at < 0) return template;
    }
    return TEMPLATES[TEMPLATES.length - 1] as Template;
  };
  for (const n of NOUNS) {
    const noun = { n, N: camel(n) };
    const file = `app/services/${n}s.py`;
    const imports = new Set<string>();
    const bodies: string[] = [];
    const used = new Set<string>();
    const count = 6 + Math.floor(next() * 4);
    // Every template appears at least once in the corpus: the first modules walk the list.
    for (let i = 0; i < count; i++) {
      const index = functions.length;
      const template = index < TEMPLATES.length ? (TEMPLATES[index] as Template) : pick();
      let name = template.base(noun);
      for (let k = 2; used.has(name); k++) name = `${template.base(noun).replace(/(\w+)$/, `$1_v${k}`)}`;
      used.add(name);
      const made = template.make(name, noun);
      for (const line of made.imports) imports.add(line);
      bodies.push(made.code);
      functions.push({ file, function: name, template: template.name, expected: made.expected });
    }
    files[file] = `"""${noun.N} services."""\n${[...imports].sort().join('\n')}\n\n\n${bodies.join('\n\n\n')}\n`;
  }
  return { files, functions };
}

export const TEMPLATE_KINDS: Readonly<Record<string, Template['kind']>> = Object.fromEntries(TEMPLATES.map((t) => [t.name, t.kind]));
