/**
 * Resolving a callee to a function of the repository (TXB005): module paths,
 * imports, re-exports, and the rounds that read only the modules needed.
 */
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/python/inventory/analyze.js';
import { modulePaths } from '../../../src/resolve/module-paths.js';
import { type CallSite, resolveCallee } from '../../../src/resolve/resolve-callee.js';
import { analyzeInMemory } from '../../helpers/in-memory-program.js';
import type { ModuleOutline } from '../../../src/session-types.js';

const analyze = await loadAnalyzer();
const outline = (source: string): ModuleOutline => analyze(source, { respectAll: true, needsFacts: () => false, outline: true }).outline as ModuleOutline;

describe('modulePaths', () => {
  it('looks for an absolute module at the top, under src/, and above the importing file', () => {
    expect(modulePaths({ level: 0, name: 'app.db' }, 'backend/app/orders.py')).toEqual([
      'app/db.py',
      'app/db/__init__.py',
      'src/app/db.py',
      'src/app/db/__init__.py',
      'backend/app/db.py',
      'backend/app/db/__init__.py',
      'backend/app/app/db.py',
      'backend/app/app/db/__init__.py',
    ]);
  });

  it('resolves relative imports against the importing package', () => {
    expect(modulePaths({ level: 1, name: 'payments' }, 'app/services/orders.py')).toEqual(['app/services/payments.py', 'app/services/payments/__init__.py']);
    expect(modulePaths({ level: 1, name: '' }, 'app/services/orders.py')).toEqual(['app/services/__init__.py']);
    expect(modulePaths({ level: 2, name: 'db' }, 'app/services/__init__.py')).toEqual(['app/db.py', 'app/db/__init__.py']);
    expect(modulePaths({ level: 3, name: 'db' }, 'app/orders.py')).toEqual([]);
  });
});

/**
 * Loads what a function of `file` (with `text` on top) reaches when it calls
 * `callees`, the way the check does: in rounds, from an in-memory repository.
 */
async function load(file: string, text: string, callees: string[], files: Record<string, string>) {
  const caller = `${text}\ndef caller(session):\n${callees.map((callee) => `    ${callee}()`).join('\n')}\n`;
  const { program, reads } = await analyzeInMemory(file, caller, files);
  return { modules: program.outlines, reads };
}

function siteOf(file: string, text: string, classPath: string[] = []): CallSite {
  return { file, outline: outline(text), imports: {}, classPath };
}

const PAYMENTS = 'def record_payment(order, amount, session=None): ...\ndef fmt(x): ...\n';

describe('resolveCallee', () => {
  it('finds same-module functions and self methods without reading anything', () => {
    const site = siteOf('app/orders.py', 'def helper(x, session=None): ...\nclass S:\n    def save(self, x, session=None): ...\n', ['S']);
    expect(resolveCallee('helper', site, new Map())).toMatchObject({ kind: 'resolved', path: 'app/orders.py', signature: { qualifiedName: 'helper' } });
    expect(resolveCallee('self.save', site, new Map())).toMatchObject({ kind: 'resolved', signature: { qualifiedName: 'S.save', session: { position: 1 } } });
    expect(resolveCallee('len', site, new Map())).toEqual({ kind: 'unresolved' });
  });

  it('asks for the candidates of an imported module, then resolves', async () => {
    const site = siteOf('app/services/orders.py', 'from app.services.payments import record_payment\n');
    const first = resolveCallee('record_payment', site, new Map());
    expect(first).toEqual({ kind: 'needs', paths: modulePaths({ level: 0, name: 'app.services.payments' }, site.file) });
    const { modules, reads } = await load(site.file, 'from app.services.payments import record_payment', ['record_payment'], { 'app/services/payments.py': PAYMENTS });
    expect(reads).toHaveLength(1);
    expect(resolveCallee('record_payment', site, modules)).toMatchObject({ kind: 'resolved', path: 'app/services/payments.py' });
  });

  it('follows `import pkg.mod as m`, `from pkg import mod`, `import pkg.mod` and relative imports', async () => {
    const text = ['import app.services.payments as pay', 'from app.services import payments', 'import app.services.payments', 'from .payments import record_payment as rp', ''].join('\n');
    const site = siteOf('app/services/orders.py', text);
    const callees = ['pay.record_payment', 'payments.record_payment', 'app.services.payments.record_payment', 'rp'];
    const { modules } = await load(site.file, text, callees, { 'app/services/payments.py': PAYMENTS, 'app/services/__init__.py': '', 'app/__init__.py': '' });
    for (const callee of callees) {
      expect(resolveCallee(callee, site, modules), callee).toMatchObject({ kind: 'resolved', signature: { qualifiedName: 'record_payment' } });
    }
  });

  it('follows a re-export through a package __init__.py, one round per hop', async () => {
    const site = siteOf('app/api.py', 'from app.services import record_payment\n');
    const { modules, reads } = await load(site.file, 'from app.services import record_payment', ['record_payment'], {
      'app/services/__init__.py': 'from .payments import record_payment\n',
      'app/services/payments.py': PAYMENTS,
    });
    expect(reads).toHaveLength(2);
    expect(resolveCallee('record_payment', site, modules)).toMatchObject({ kind: 'resolved', path: 'app/services/payments.py' });
  });

  it('leaves third-party modules, classes and missing names unresolved, after one read', async () => {
    const site = siteOf('app/orders.py', 'import requests\nfrom app.models import Order\nfrom app.services.payments import gone\n');
    const callees = ['requests.post', 'Order', 'gone'];
    const text = 'import requests\nfrom app.models import Order\nfrom app.services.payments import gone';
    const { modules, reads } = await load(site.file, text, callees, { 'app/models.py': 'class Order: ...\n', 'app/services/payments.py': PAYMENTS });
    expect(reads).toHaveLength(1);
    for (const callee of callees) expect(resolveCallee(callee, site, modules)).toEqual({ kind: 'unresolved' });
  });

  it('reads nothing for calls within the checked module, builtins and methods of local values', async () => {
    const { reads } = await load('app/orders.py', 'def record_payment(order, session=None): ...', ['record_payment', 'len', 'order.save'], {});
    expect(reads).toEqual([]);
  });

  it('treats `constructor` and `__proto__` as names like any other', () => {
    const site = siteOf('app/orders.py', 'def f(): ...\n');
    expect(resolveCallee('constructor', site, new Map())).toEqual({ kind: 'unresolved' });
    expect(resolveCallee('__proto__.x', site, new Map())).toEqual({ kind: 'unresolved' });
  });
});
