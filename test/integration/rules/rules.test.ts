/**
 * The rule table (docs/rules.md) against real staged changes: TXB000–TXB003,
 * suppression comments, and the A/B/C suggestion with its evidence.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXED as DOCUMENTED } from '../../helpers/create-order.js';
import { createRepo, dedent, defPosition, lineOf, type GitRepo } from '../../helpers/git-repo.js';
import { brief, runCheckJson, type JsonViolation } from '../../helpers/run-cli.js';

let repo: GitRepo;
beforeAll(() => {
  repo = createRepo({ files: { 'README.md': '# service\n' }, commit: 'init' });
});
afterEach(() => repo.reset());
afterAll(() => repo.cleanup());

function only(violations: JsonViolation[]): JsonViolation {
  expect(violations).toHaveLength(1);
  return violations[0] as JsonViolation;
}

const LEGACY = dedent`
  from app.db import session_scope


  def get_order(session, order_id):
      return session.get(Order, order_id)


  def cancel_order(session, order_id):
      order = session.get(Order, order_id)
      order.status = "cancelled"
      session.add(order)
`;

describe('TXB001: a modified public function has no section', { timeout: 30_000 }, () => {
  it('flags the modified legacy function and leaves the untouched one alone', () => {
    repo.commitFile('svc/orders.py', LEGACY);
    const staged = LEGACY.replace('return session.get(Order, order_id)', 'return session.get(Order, int(order_id))');
    repo.stageFile('svc/orders.py', staged);

    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    const v = only(json.violations);
    expect(v).toMatchObject({
      code: 'TXB001',
      severity: 'error',
      file: 'svc/orders.py',
      function: 'get_order',
      ...defPosition(staged, 'get_order'),
    });
    expect(v.suggestion).toMatch(/^Transaction boundary:/);
    expect(json.summary.blocking).toBe(1);
    expect(json.summary.filesChecked).toBe(1);
    expect(json.errors).toEqual([]);
  });

  it('flags a public function added to an existing file', () => {
    repo.commitFile('svc/users.py', LEGACY);
    const staged = `${LEGACY}\n\ndef list_users(session):\n    return session.query(User).all()\n`;
    repo.stageFile('svc/users.py', staged);

    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    expect(brief(json)).toEqual([`TXB001 list_users@svc/users.py:${defPosition(staged, 'list_users').line}`]);
  });

  it('passes when the modified function carries the section (any non-empty variant)', () => {
    repo.commitFile('svc/calc.py', 'def total(items):\n    return sum(items)\n');
    repo.stageFile(
      'svc/calc.py',
      dedent`
        def total(items):
            """Sum the items.

            Transaction boundary: Pure computation (no database access).
            """
            return sum(i for i in items)
      `,
    );
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(json.summary.blocking).toBe(0);
    expect(code).toBe(0);
  });

  it('matches the header case-insensitively, in a single-line docstring and in concatenated literals', () => {
    repo.stageFile(
      'svc/variants.py',
      [
        'def one(session):',
        '    """transaction BOUNDARY: Inherits session from caller."""',
        '    return session.get(A, 1)',
        '',
        '',
        'def two(session):',
        '    "Fetch two.\\n\\n" "Transaction boundary: Read-only, no transaction needed."',
        '    return session.get(A, 2)',
        '',
        '',
        'def three(session):',
        '    """Fetch three.',
        '',
        '        Transaction boundary: Read-only (indented deeper than the summary).',
        '    """',
        '    return session.get(A, 3)',
        '',
        '',
        'def mid_line(session):',
        '    """Fetch. Transaction boundary: not at the start of a line."""',
        '    return session.get(A, 4)',
        '',
      ].join('\n'),
    );
    const { json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.code} ${v.function}`)).toEqual(['TXB001 mid_line']);
  });

  it('does not accept a bytes literal or an f-string as the docstring, nor a comment', () => {
    repo.stageFile(
      'svc/notdoc.py',
      [
        'def as_bytes(session):',
        '    b"""Transaction boundary: Read-only, no transaction needed."""',
        '    return session.get(A, 1)',
        '',
        '',
        'def as_fstring(session):',
        '    f"""Transaction boundary: Read-only, {1}."""',
        '    return session.get(A, 2)',
        '',
        '',
        'def as_comment(session):',
        '    # Transaction boundary: Read-only, no transaction needed.',
        '    return session.get(A, 3)',
        '',
        '',
        'def after_statement(session):',
        '    x = 1',
        '    """Transaction boundary: Read-only, no transaction needed."""',
        '    return session.get(A, x)',
        '',
      ].join('\n'),
    );
    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    expect(json.violations.map((v) => `${v.code} ${v.function}`)).toEqual(['TXB001 as_bytes', 'TXB001 as_fstring', 'TXB001 as_comment', 'TXB001 after_statement']);
  });
});

describe('TXB002: the section was lost since HEAD', { timeout: 30_000 }, () => {
  it('reports TXB002 (not TXB001) when the header line is deleted', () => {
    repo.commitFile('svc/create.py', DOCUMENTED);
    const staged = DOCUMENTED.replace('    Transaction boundary: Single operation, automatically atomic.\n', '').replace('        With a session the caller controls commit/rollback.\n', '');
    repo.stageFile('svc/create.py', staged);

    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    const v = only(json.violations);
    expect(v).toMatchObject({
      code: 'TXB002',
      severity: 'error',
      file: 'svc/create.py',
      function: 'create_order',
      pattern: 'B',
      ...defPosition(staged, 'create_order'),
    });
    expect(v.suggestion).toMatch(/^Transaction boundary:/);
  });

  it('reports TXB002 when the whole docstring is deleted', () => {
    repo.commitFile('svc/create2.py', DOCUMENTED);
    const staged = DOCUMENTED.replace(/ {4}"""[\s\S]*?"""\n/, '');
    expect(staged).not.toContain('"""');
    repo.stageFile('svc/create2.py', staged);
    const v = only(runCheckJson(repo.dir).json.violations);
    expect(v).toMatchObject({ code: 'TXB002', function: 'create_order' });
  });

  it('reports TXB002 for a method whose section disappeared', () => {
    const head = dedent`
      class OrderService:
          def archive(self, session, order):
              """Archive.

              Transaction boundary: Single operation, automatically atomic.
              """
              session.delete(order)
    `;
    repo.commitFile('svc/klass.py', head);
    repo.stageFile('svc/klass.py', head.replace('Transaction boundary: Single operation, automatically atomic.', 'Gone.'));
    expect(only(runCheckJson(repo.dir).json.violations)).toMatchObject({
      code: 'TXB002',
      function: 'OrderService.archive',
    });
  });

  it('applies even when the HEAD definition was not public (excluded by __all__)', () => {
    const head = dedent`
      __all__ = []


      def sync_all(session):
          """Sync.

          Transaction boundary: ALL operations in single session (atomic).
          """
          session.flush()
    `;
    repo.commitFile('svc/sync.py', head);
    const staged = dedent`
      __all__ = ["sync_all"]


      def sync_all(session):
          """Sync."""
          session.flush()
    `;
    repo.stageFile('svc/sync.py', staged);
    expect(only(runCheckJson(repo.dir).json.violations)).toMatchObject({ code: 'TXB002', function: 'sync_all' });
  });

  it('is not triggered when the section is only reworded', () => {
    repo.commitFile('svc/reword.py', DOCUMENTED);
    repo.stageFile('svc/reword.py', DOCUMENTED.replace('Single operation, automatically atomic.', 'Single write (atomic).'));
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('TXB003: header present but empty', { timeout: 30_000 }, () => {
  const variants: Array<[string, string]> = [
    [
      'header followed by a blank line',
      dedent`
        def update_user(session, user):
            """Update a user.

            Transaction boundary:

            More text after a blank line.
            """
            session.merge(user)
      `,
    ],
    [
      'header on the last docstring line',
      dedent`
        def update_user(session, user):
            """Update a user.

            Transaction boundary:
            """
            session.merge(user)
      `,
    ],
    [
      'header right before the closing quotes',
      dedent`
        def update_user(session, user):
            """Update a user.

            Transaction boundary:"""
            session.merge(user)
      `,
    ],
    [
      'header followed by another section header',
      dedent`
        def update_user(session, user):
            """Update a user.

            Transaction boundary:
            Args:
                user: the user.
            """
            session.merge(user)
      `,
    ],
    ['header with only whitespace after the colon', 'def update_user(session, user):\n    """Update a user.\n\n    Transaction boundary:   \n\n    """\n    session.merge(user)\n'],
  ];

  it('every variant is TXB003 with position, function and a suggestion', () => {
    for (const [i, [, source]] of variants.entries()) repo.stageFile(`svc/empty_${i}.py`, source);
    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    const nameOf = (file: string) => variants[Number(/empty_(\d+)/.exec(file)?.[1])]?.[0];
    expect(json.violations.map((v) => `${nameOf(v.file)}: ${v.code}`).sort()).toEqual(variants.map(([name]) => `${name}: TXB003`).sort());
    for (const v of json.violations) {
      const source = variants[Number(/empty_(\d+)/.exec(v.file)?.[1])]?.[1] as string;
      expect(v).toMatchObject({ severity: 'error', function: 'update_user', ...defPosition(source, 'update_user') });
      expect(v.suggestion).toMatch(/^Transaction boundary:/);
    }
  });

  it('accepts text on the following line (the section body starts on the next line)', () => {
    repo.stageFile(
      'svc/nextline.py',
      dedent`
        def update_user(session, user):
            """Update a user.

            Transaction boundary:
                Single operation, automatically atomic.
            """
            session.merge(user)
      `,
    );
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('TXB000: syntax errors', { timeout: 30_000 }, () => {
  it('blocks when the syntax error overlaps the staged hunks', () => {
    repo.commitFile('svc/broken.py', LEGACY);
    const staged = LEGACY.replace('return session.get(Order, order_id)', 'return session.get(Order, order_id) +');
    repo.stageFile('svc/broken.py', staged);

    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    const txb000 = json.violations.filter((v) => v.code === 'TXB000');
    expect(txb000.length).toBeGreaterThanOrEqual(1);
    for (const v of txb000) {
      expect(v).toMatchObject({ severity: 'error', file: 'svc/broken.py', function: null, pattern: null, suggestion: null });
      expect(v.line).toBeGreaterThanOrEqual(lineOf(staged, 'def get_order'));
    }
    expect(json.summary.blocking).toBeGreaterThanOrEqual(1);
  });

  it('a syntax error at module level inside the hunks blocks too', () => {
    repo.commitFile('svc/modlevel.py', LEGACY);
    repo.stageFile('svc/modlevel.py', LEGACY.replace('from app.db import session_scope', 'from app.db import = session_scope'));
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.code} ${v.file}:${v.line}`)).toEqual(['TXB000 svc/modlevel.py:1']);
    expect(code).toBe(1);
  });

  it('a syntax error outside the hunks hides no changed function; the hook leaves it unreported, range mode lists it in errors', () => {
    // Legacy file with an old syntax error at the bottom (e.g. Python 2 print).
    const head = `${LEGACY}\n\ndef legacy_report():\n    total = = 1\n    return total\n`;
    repo.commitFile('svc/py2.py', head);
    const staged = head.replace('return session.get(Order, order_id)', 'return session.get(Order, int(order_id))');
    repo.stageFile('svc/py2.py', staged);

    const { code, json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual([`TXB001 get_order@svc/py2.py:${defPosition(staged, 'get_order').line}`]);
    expect(code).toBe(1);
    repo.git('commit', '-q', '--no-verify', '-m', 'edit');
    const range = runCheckJson(repo.dir, ['--base', 'HEAD~1']);
    expect(brief(range.json)).toEqual(brief(json));
    expect(range.json.errors).toEqual([{ file: 'svc/py2.py', reason: expect.stringMatching(/^syntax error at line \d+ .*outside the change/) }]);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('a syntax error outside the hunks alone does not block', () => {
    const head = `${LEGACY}\n\ndef legacy_report():\n    total = = 1\n    return total\n`;
    repo.commitFile('svc/py2b.py', head);
    repo.stageFile('svc/py2b.py', head.replace('from app.db import session_scope', 'from app.db import session_scope  # noqa'));
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('suppression on the def line', { timeout: 30_000 }, () => {
  const source = (comment: string) =>
    dedent`
      def get_thing(session, thing_id):${comment}
          return session.get(Thing, thing_id)
    `;

  it('codes listed on the def line silence; a bare or foreign noqa does not', () => {
    const cases: Array<[string, boolean]> = [
      ['# noqa: TXB001', true],
      ['# noqa: TXB002, TXB001', true],
      ['# noqa:TXB003,TXB001', true],
      ['# txboundary: ignore', true],
      ['# noqa', false],
      ['# noqa: E501', false],
      ['# noqa: TXB002', false],
    ];
    const source = cases.map(([comment], i) => `def get_${i}(session, thing_id):  ${comment}\n    return session.get(Thing, thing_id)\n`).join('\n\n');
    repo.stageFile('svc/noqa.py', source);
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations.map((v) => `${v.code} ${v.function}`)).toEqual(cases.flatMap(([, silenced], i) => (silenced ? [] : [`TXB001 get_${i}`])));
    expect(code).toBe(1);
  });

  it('a suppressed violation alone lets the commit through', () => {
    repo.stageFile('svc/noqa1.py', source('  # noqa: TXB001'));
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });

  it('a suppression on another line (the docstring) does not count', () => {
    repo.stageFile('svc/noqa2.py', 'def get_thing(session, thing_id):\n    """Get.  # noqa: TXB001"""\n    return session.get(Thing, thing_id)  # noqa: TXB001\n');
    expect(runCheckJson(repo.dir).json.violations.map((v) => v.code)).toEqual(['TXB001']);
  });

  it('TXB002 can be suppressed by its own code', () => {
    const head = 'def get_thing(session):\n    """Get.\n\n    Transaction boundary: Read-only, no transaction needed.\n    """\n    return 1\n';
    repo.commitFile('svc/noqa3.py', head);
    repo.stageFile('svc/noqa3.py', 'def get_thing(session):  # noqa: TXB002\n    """Get."""\n    return 1\n');
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('suggested pattern and its evidence', { timeout: 30_000 }, () => {
  function suggestFor(name: string, body: string): { v: JsonViolation; source: string } {
    const source = `from app.db import session_scope\n\n\ndef ${name}(session, payload):\n${body}`;
    repo.stageFile(`svc/${name}.py`, source);
    const { json } = runCheckJson(repo.dir);
    const v = only(json.violations);
    expect(v.code).toBe('TXB001');
    expect(v.function).toBe(name);
    return { v, source };
  }

  it('Pattern A for a read-only body', () => {
    const { v } = suggestFor('fetch_report', '    rows = session.query(Row).filter(Row.id == payload).all()\n    return [r.name for r in rows]\n');
    expect(v.pattern).toBe('A');
    expect(v.suggestion).toMatch(/^Transaction boundary: Read-only, no transaction needed\./);
    expect(v.evidence).toEqual(expect.any(Array));
  });

  it('Pattern B for one write site, with the call and its line as evidence', () => {
    const { v, source } = suggestFor('store', '    item = Item(payload)\n    session.add(item)\n    return item\n');
    expect(v.pattern).toBe('B');
    expect(v.suggestion).toMatch(/^Transaction boundary: Single operation, automatically atomic\./);
    const line = lineOf(source, 'session.add(');
    expect(v.evidence.join('\n')).toContain('session.add');
    expect(v.evidence.join('\n')).toMatch(new RegExp(`line ${line}\\b`));
  });

  it('Pattern C for several write sites', () => {
    const { v, source } = suggestFor('store_many', '    session.add(Item(payload))\n    session.delete(Old(payload))\n    session.flush()\n');
    expect(v.pattern).toBe('C');
    expect(v.suggestion).toMatch(/^Transaction boundary: ALL operations in single session \(atomic\)\./);
    const evidence = v.evidence.join('\n');
    expect(evidence).toContain('session.add');
    expect(evidence).toMatch(new RegExp(`line ${lineOf(source, 'session.add(')}\\b`));
  });

  it('Pattern C for a write combined with nested calls passing the session', () => {
    const { v, source } = suggestFor(
      'apply_payment',
      dedent`
            invoice = invoices.mark_paid(payload.invoice_id, session=session)
            ledger.post_entry(payload, session=session)
            session.add(Payment(payload))
      `
        .split('\n')
        .map((l) => (l ? `    ${l}` : l))
        .join('\n'),
    );
    expect(v.pattern).toBe('C');
    const evidence = v.evidence.join('\n');
    expect(evidence).toContain('session.add');
    expect(evidence).toMatch(new RegExp(`line ${lineOf(source, 'session.add(')}\\b`));
    expect(evidence).toMatch(/session=/);
    // Steps are pre-filled from the body, in source order.
    const suggestion = v.suggestion ?? '';
    const mark = suggestion.indexOf('mark_paid');
    const post = suggestion.indexOf('post_entry');
    expect(mark).toBeGreaterThan(-1);
    expect(post).toBeGreaterThan(mark);
  });

  it('writes inside a nested helper (the _impl(sess) idiom) count for the parent', () => {
    const { v } = suggestFor(
      'record_event',
      dedent`
            def _impl(sess):
                sess.add(Event(payload))
                sess.add(Audit(payload))

            if session is None:
                with session_scope() as s:
                    return _impl(s)
            return _impl(session)
      `
        .split('\n')
        .map((l) => (l ? `    ${l}` : l))
        .join('\n'),
    );
    expect(v.pattern).toBe('C');
    expect(v.evidence.join('\n')).toMatch(/\.add/);
  });
});

describe('write and nested-call detection (docs/suggestion.md)', { timeout: 30_000 }, () => {
  it('classifies each body by its writes and session-passing calls, citing them with their lines', () => {
    const source = dedent`
      def exec_insert(session, data):
          session.execute(insert(Order).values(**data))


      def exec_select(session, oid):
          return session.execute(select(Order).where(Order.id == oid)).scalar_one()


      def bulk(session, rows):
          session.bulk_save_objects(rows)


      def query_update(session, oid):
          session.query(Order).filter(Order.id == oid).update({"status": "x"})


      def dict_update(session, params, extra):
          params.update(extra)
          return session.query(Order).filter_by(**params).all()


      def two_nested(session, data):
          a = orders.create_order(session, data)
          b = ledger.record_entry(data, session=session)
          return a, b


      def nested_read(session, oid):
          return orders.get_order(session, oid)


      def pure(a, b):
          return a + b


      def own_scope(data):
          with session_scope() as session:
              session.add(Order(**data))
    `;
    repo.stageFile('svc/heuristics.py', source);
    const { json } = runCheckJson(repo.dir);
    const byName = new Map(json.violations.map((v) => [v.function, v]));
    const expected: Array<[string, 'A' | 'B' | 'C', string | null]> = [
      ['exec_insert', 'B', 'session.execute'],
      ['exec_select', 'A', null],
      ['bulk', 'B', 'session.bulk_save_objects'],
      ['query_update', 'B', '.update'],
      // dict.update is not a query-level update.
      ['dict_update', 'A', null],
      ['two_nested', 'C', 'record_entry'],
      ['nested_read', 'A', null],
      ['pure', 'A', null],
      ['own_scope', 'B', 'session.add'],
    ];
    expect(json.violations.map((v) => v.function)).toEqual(expected.map(([name]) => name));
    for (const [name, pattern, call] of expected) {
      const v = byName.get(name) as JsonViolation;
      expect(`${name}: ${v.pattern}`).toBe(`${name}: ${pattern}`);
      if (call !== null) {
        const line = lineOf(source, call, defPosition(source, name).line);
        expect(v.evidence.join('\n'), name).toMatch(new RegExp(`${call.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*line ${line}\\b`));
      }
    }
  });
});
