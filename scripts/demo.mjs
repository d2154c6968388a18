// npm run demo: a throwaway repository that commits through the real hook.
// A staged change drops one section and adds an undocumented function; the
// commit is blocked with suggestions; the fix is applied; the commit passes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const repo = mkdtempSync(join(tmpdir(), 'txboundary-demo-'));
const module = join(repo, 'services', 'orders.py');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text) => (color ? `\x1b[1m${text}\x1b[22m` : text);
// The hook's output goes to this terminal, in colour when it is one.
const env = { ...process.env, ...(color ? { FORCE_COLOR: '1' } : {}) };

const REMOVED_SECTION = `
    Transaction boundary: Single operation, automatically atomic.
        With a session, the caller controls commit and rollback. Without
        one, the function opens its own session_scope() that commits on
        success.
`;

const REFUND = `

def refund_order(order_id, amount, session=None):
    with session_scope(session) as s:
        order = s.get(Order, order_id)
        s.add(Refund(order=order, amount=amount))
        record_payment(order.customer_id, -amount, session=s)
        order.status = "refunded"
`;

function run(command, args, { show = true, allowFailure = false } = {}) {
  if (show) console.log(`${bold('$')} ${[command, ...args].map(quoteForShell).join(' ')}`);
  const result = spawnSync(command, args, { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', show ? 'inherit' : 'pipe', show ? 'inherit' : 'pipe'] });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${result.stderr ?? ''}`);
  }
  return result;
}

function quoteForShell(word) {
  return /^[\w./=-]+$/.test(word) ? word : `'${word}'`;
}

function step(title) {
  console.log(`\n${bold(`── ${title}`)}`);
}

function edit(transform) {
  writeFileSync(module, transform(readFileSync(module, 'utf8')));
}

try {
  step(`A Python repository with txboundary installed as its husky pre-commit hook (${repo})`);
  run('git', ['init', '-q', '-b', 'main'], { show: false });
  for (const [key, value] of [
    ['user.name', 'Demo'],
    ['user.email', 'demo@example.com'],
    ['commit.gpgSign', 'false'],
  ]) {
    run('git', ['config', key, value], { show: false });
  }
  mkdirSync(join(repo, 'services'));
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  mkdirSync(join(repo, '.husky'));
  copyFileSync(join(root, 'examples', 'demo', 'orders.py'), module);
  copyFileSync(join(root, 'hooks', 'pre-commit'), join(repo, '.husky', 'pre-commit'));
  symlinkSync(join(root, 'dist', 'cli.js'), join(repo, 'node_modules', '.bin', 'txboundary'));
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
  run(process.execPath, [join(root, 'node_modules', 'husky', 'bin.js')], { show: false });
  run('git', ['add', '-A'], { show: false });
  run('git', ['commit', '-q', '-m', 'Order service, fully documented']);

  step('A change that drops the section of cancel_order and adds an undocumented refund_order');
  edit(
    (text) =>
      text.replace(REMOVED_SECTION, '').replace('from shop.models import Order, OrderLine', 'from shop.models import Order, OrderLine, Refund\nfrom shop.payments import record_payment') + REFUND,
  );
  run('git', ['add', 'services/orders.py']);
  const blocked = run('git', ['commit', '-q', '-m', 'Refunds'], { allowFailure: true });
  if (blocked.status === 0) throw new Error('the hook let an undocumented change through');
  console.log(bold(`(the commit was blocked: git exited ${blocked.status})`));

  step('The fix: restore the section, and paste the suggested docstring into refund_order');
  const report = JSON.parse(run(process.execPath, [join(root, 'dist', 'cli.js'), 'check', '--format', 'json'], { show: false, allowFailure: true }).stdout);
  const refund = report.violations.find((v) => v.function === 'refund_order');
  const docstring = ['    """Refund order.', '', ...refund.suggestion.split('\n').map((line) => `    ${line}`), '    """'].join('\n');
  edit((text) =>
    text
      .replace('    """Mark an order as cancelled.\n', `    """Mark an order as cancelled.\n${REMOVED_SECTION}`)
      .replace('def refund_order(order_id, amount, session=None):\n', `def refund_order(order_id, amount, session=None):\n${docstring}\n`),
  );
  run('git', ['diff', '--stat']);
  run('git', ['add', 'services/orders.py']);
  run('git', ['commit', '-q', '-m', 'Refunds, documented']);
  run('git', ['log', '--oneline']);
  console.log(`\n${bold('Done:')} blocked once with suggestions, then committed once documented.`);
} finally {
  if (keep) console.log(`(kept ${repo})`);
  else rmSync(repo, { recursive: true, force: true });
}
