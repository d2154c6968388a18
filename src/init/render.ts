import { createColors } from 'picocolors';
import { type ActionKind, type InitPlan, writtenPaths } from './action.js';

type Colors = ReturnType<typeof createColors>;

export interface RenderOptions {
  topLevel: string;
  dryRun: boolean;
  color: boolean;
}

/**
 * The plan as plain text: one line per file (`create .husky/pre-commit: …`), what would be written under `--dry-run`,
 * what to do by hand, notes, and the next steps.
 *
 *     txboundary init: setting up /home/me/shop
 *
 *       update  package.json        add devDependencies.txboundary, devDependencies.husky, scripts.prepare
 *       create  .gitignore          ignores node_modules/, which npm install creates
 *       create  .husky/pre-commit   runs txboundary check before each commit
 *       skip    .txboundaryrc.json  not needed: pyproject.toml has a [tool.txboundary] table
 *
 *     Next steps:
 *       1. npm install …
 */
export function renderPlan(plan: InitPlan, options: RenderOptions): string {
  const c = createColors(options.color);
  const width = Math.max(...plan.actions.map((action) => action.path.length));
  const lines = [options.dryRun ? `txboundary init --dry-run: the plan for ${options.topLevel} (nothing is written)` : `txboundary init: setting up ${options.topLevel}`, ''];
  for (const action of plan.actions) {
    lines.push(`  ${paint(action.kind, c)}  ${action.path.padEnd(width)}  ${action.summary}`);
    if (action.kind === 'manual' || (options.dryRun && action.content !== undefined)) {
      lines.push(...action.detail.map((line) => (line === '' ? '' : `      ${action.kind === 'manual' ? line : c.dim(line)}`)), '');
    }
  }
  if (lines.at(-1) !== '') lines.push('');
  for (const note of plan.notes) lines.push(`${c.yellow('note:')} ${note}`, '');
  lines.push(...nextSteps(plan, options, c));
  return `${lines.join('\n')}\n`;
}

function paint(kind: ActionKind, c: Colors): string {
  const label = kind.padEnd(6);
  if (kind === 'create' || kind === 'update' || kind === 'append') return c.green(label);
  if (kind === 'manual') return c.red(c.bold(label));
  return c.dim(label);
}

function nextSteps(plan: InitPlan, options: RenderOptions, c: Colors): string[] {
  const manual = plan.actions.filter((action) => action.kind === 'manual');
  const written = writtenPaths(plan);
  const husky = plan.manager === 'husky';
  const bypass = husky ? 'git commit --no-verify (or HUSKY=0 git commit)' : 'git commit --no-verify (or SKIP=txboundary git commit)';
  const tryIt = [
    'Try it: stage a change to a public function in a .py file and run git commit; txboundary blocks it',
    `   until the docstring has a "Transaction boundary:" section. Bypass once: ${bypass}.`,
  ];
  if (options.dryRun) {
    return [written.length + manual.length === 0 ? 'Nothing to do: txboundary is already set up here.' : 'Run txboundary init without --dry-run to do this.'];
  }
  if (written.length === 0 && manual.length === 0 && plan.toCommit.length === 0) {
    return [
      'Nothing to do: txboundary is already set up here.',
      husky ? 'If commits are not checked yet, run npm install: its prepare script runs husky, which installs the hook.' : 'If commits are not checked yet, run npm install and pre-commit install.',
      ...tryIt,
    ];
  }
  const steps: string[][] = [];
  if (manual.length > 0) steps.push([`${c.bold(`Do the ${manual.length === 1 ? 'step' : 'steps'} marked manual above`)} (init could not do it safely).`]);
  steps.push(
    husky
      ? ['npm install', '   installs txboundary and husky; the prepare script then runs husky, which points core.hooksPath at .husky/_']
      : ['npm install', '   installs txboundary into node_modules/.bin, where the pre-commit entry finds it'],
  );
  if (!husky) steps.push(['pre-commit install (if the team has not yet)']);
  steps.push([`git add ${[...plan.toCommit, 'package-lock.json', ...manual.map((action) => action.path)].join(' ')}`, '   git commit -m "Check Transaction boundary sections before each commit"']);
  steps.push(tryIt);
  return ['Next steps:', ...steps.flatMap((step, index) => step.map((line, at) => (at === 0 ? `  ${index + 1}. ${line}` : `  ${line}`)))];
}
