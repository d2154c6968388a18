/**
 * Which staged entries are checked (docs/rules.md "Files"): added, modified,
 * renamed, copied and type-changed entries are; deletions, symlinks and
 * non-Python files are not. A repository without HEAD compares with the
 * empty tree.
 */
import { symlinkSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, dedent, defPosition, type GitRepo } from '../../helpers/git-repo.js';
import { brief, runCheckJson } from '../../helpers/run-cli.js';

const DOCUMENTED = dedent`
  from app.db import session_scope


  def get_invoice(session, invoice_id):
      """Return one invoice.

      Transaction boundary: Read-only, no transaction needed.
          Safe without a session; with one, reads are consistent.
      """
      return session.get(Invoice, invoice_id)


  def create_invoice(session, data):
      """Create an invoice.

      Transaction boundary: Single operation, automatically atomic.
          With a session the caller controls commit/rollback.
      """
      invoice = Invoice(**data)
      session.add(invoice)
      return invoice


  def list_invoices(session, customer_id):
      """List invoices of a customer.

      Transaction boundary: Read-only, no transaction needed.
      """
      query = session.query(Invoice)
      query = query.filter(Invoice.customer_id == customer_id)
      return query.order_by(Invoice.created_at).all()
`;

const LEGACY = dedent`
  def load_customer(session, customer_id):
      return session.get(Customer, customer_id)


  def rename_customer(session, customer_id, name):
      customer = session.get(Customer, customer_id)
      customer.name = name
      session.add(customer)
      return customer


  def count_customers(session):
      query = session.query(Customer)
      return query.count()
`;

describe('staged file statuses', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo({ files: { 'README.md': '# billing\n' }, commit: 'init' });
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.cleanup());

  it('added: every public function of a new file counts as modified', () => {
    const source = `${DOCUMENTED}\n\n${LEGACY}`;
    repo.stageFile('billing/new_module.py', source);
    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    expect(brief(json)).toEqual(['load_customer', 'rename_customer', 'count_customers'].map((name) => `TXB001 ${name}@billing/new_module.py:${defPosition(source, name).line}`));
    expect(json.summary.filesChecked).toBe(1);
    expect(json.summary.blocking).toBe(3);
  });

  it('modified: only the functions touched by the hunks are checked', () => {
    repo.commitFile('billing/legacy.py', LEGACY);
    const staged = LEGACY.replace('customer.name = name', 'customer.name = name.strip()');
    repo.stageFile('billing/legacy.py', staged);
    const { json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual([`TXB001 rename_customer@billing/legacy.py:${defPosition(staged, 'rename_customer').line}`]);
  });

  it('renamed: a pure rename reports nothing, even for undocumented legacy code', () => {
    repo.commitFile('billing/old_name.py', LEGACY);
    repo.git('mv', 'billing/old_name.py', 'billing/new_name.py');
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(json.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('renamed + edited: hunks are computed against the rename source', () => {
    repo.commitFile('billing/old_legacy.py', LEGACY);
    repo.git('mv', 'billing/old_legacy.py', 'billing/customers.py');
    const staged = LEGACY.replace('return query.count()', 'return int(query.count())');
    repo.stageFile('billing/customers.py', staged);
    const { code, json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual([`TXB001 count_customers@billing/customers.py:${defPosition(staged, 'count_customers').line}`]);
    expect(code).toBe(1);
  });

  it('renamed: TXB002 is found through the rename source', () => {
    repo.commitFile('billing/invoices.py', DOCUMENTED);
    repo.git('mv', 'billing/invoices.py', 'billing/invoice_service.py');
    const staged = DOCUMENTED.replace('    Transaction boundary: Single operation, automatically atomic.\n        With a session the caller controls commit/rollback.\n', '');
    expect(staged).not.toBe(DOCUMENTED);
    repo.stageFile('billing/invoice_service.py', staged);
    // Make sure git itself sees a rename, so the test exercises what it claims to.
    expect(repo.git('diff', '--cached', '--name-status', '-M')).toMatch(/^R\d+\tbilling\/invoices\.py\tbilling\/invoice_service\.py$/m);

    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toHaveLength(1);
    expect(json.violations[0]).toMatchObject({
      code: 'TXB002',
      file: 'billing/invoice_service.py',
      function: 'create_invoice',
      ...defPosition(staged, 'create_invoice'),
    });
    expect(code).toBe(1);
  });

  it('copied: the copy is checked under its own path', () => {
    repo.commitFile('billing/invoices_src.py', DOCUMENTED);
    const copy = `${DOCUMENTED}\n\ndef export_invoices(session):\n    return session.query(Invoice).all()\n`;
    repo.stageFile('billing/invoices_v2.py', copy);
    // A copy is only detected when the source changes too (or with --find-copies-harder).
    repo.stageFile('billing/invoices_src.py', `${DOCUMENTED}# keep in sync\n`);

    const { code, json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual([`TXB001 export_invoices@billing/invoices_v2.py:${defPosition(copy, 'export_invoices').line}`]);
    expect(code).toBe(1);
  });

  it('deleted: not checked, exit 0', () => {
    repo.commitFile('billing/obsolete.py', LEGACY);
    repo.git('rm', '-q', 'billing/obsolete.py');
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(json.summary.filesChecked).toBe(0);
    expect(json.summary.blocking).toBe(0);
    expect(code).toBe(0);
  });

  it('type change symlink → regular file: the new file is checked', () => {
    repo.commitFile('billing/target.py', LEGACY);
    symlinkSync('target.py', repo.path('billing/alias.py'));
    repo.git('add', 'billing/alias.py');
    repo.git('commit', '-q', '-m', 'alias');

    repo.remove('billing/alias.py');
    const source = 'def refund(session, payment):\n    session.add(Refund(payment))\n';
    repo.stageFile('billing/alias.py', source);
    expect(repo.git('diff', '--cached', '--name-status')).toMatch(/^T\tbilling\/alias\.py$/m);

    const { code, json } = runCheckJson(repo.dir);
    expect(brief(json)).toEqual([`TXB001 refund@billing/alias.py:1`]);
    expect(json.violations[0]?.pattern).toBe('B');
    expect(code).toBe(1);
  });

  it('type change regular file → symlink, and a new symlink: not checked', () => {
    repo.commitFile('billing/target2.py', LEGACY);
    repo.commitFile('billing/was_file.py', LEGACY);
    repo.remove('billing/was_file.py');
    symlinkSync('target2.py', repo.path('billing/was_file.py'));
    symlinkSync('target2.py', repo.path('billing/new_link.py'));
    repo.git('add', '-A');
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(json.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('mode change only (chmod +x): nothing to report', () => {
    repo.commitFile('billing/script.py', LEGACY);
    repo.git('update-index', '--chmod=+x', 'billing/script.py');
    expect(repo.git('diff', '--cached', '--name-status')).toMatch(/^M\tbilling\/script\.py$/m);
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });

  it('non-Python files only: exit 0 without findings', () => {
    repo.stageFile('docs/notes.md', 'def not_python(session):\n    session.add(x)\n');
    repo.stageFile('billing/module.pyi', 'def stub(session) -> None: ...\n');
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(json.summary.filesChecked).toBe(0);
    expect(code).toBe(0);
  });

  it('nothing staged at all: exit 0', () => {
    repo.write('billing/unstaged.py', LEGACY);
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('first commit (no HEAD yet)', { timeout: 30_000 }, () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createRepo();
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.cleanup());

  it('compares with the empty tree: every function of every new file is modified', () => {
    const source = `${DOCUMENTED}\n\n${LEGACY}`;
    repo.stageFile('app/services.py', source);
    repo.stageFile('app/more.py', 'class Api:\n    def ping(self, session):\n        return session.execute(select(1))\n');
    const { code, json } = runCheckJson(repo.dir);
    expect(code).toBe(1);
    expect(brief(json).sort()).toEqual(
      [...['load_customer', 'rename_customer', 'count_customers'].map((name) => `TXB001 ${name}@app/services.py:${defPosition(source, name).line}`), 'TXB001 Api.ping@app/more.py:2'].sort(),
    );
    expect(json.summary.filesChecked).toBe(2);
  });

  it('a fully documented first commit passes', () => {
    repo.stageFile('app/services.py', DOCUMENTED);
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(json.summary.filesChecked).toBe(1);
    expect(code).toBe(0);
  });

  it('an empty index in a fresh repository: exit 0', () => {
    const { code, json } = runCheckJson(repo.dir);
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });
});
