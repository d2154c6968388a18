import type { InitAction } from './action.js';

export const HOOK_PATH = '.husky/pre-commit';

/** The command the hook runs; husky puts node_modules/.bin on PATH first. */
const HOOK_COMMAND = 'txboundary check';

/**
 * `.husky/pre-commit` in husky 9 style: no shebang and no executable bit needed, husky's own hook runs it with `sh -e`
 * from the top of the work tree.
 */
export const HUSKY_HOOK = [
  '# txboundary: block a commit whose staged Python functions lack a "Transaction boundary:" docstring section.',
  '# Bypass once: git commit --no-verify (or HUSKY=0 git commit).',
  HOOK_COMMAND,
  '',
].join('\n');

/**
 * Writes the hook, or adds `txboundary check` at the end of an existing one, which is never rewritten.
 * After a last `exec …` or `exit …` the line would never run: the user is told where to put it.
 */
export function planHuskyHook(current: string | null, lintStagedRunsTxboundary: boolean): InitAction {
  if (current === null) {
    return { path: HOOK_PATH, kind: 'create', summary: `runs ${HOOK_COMMAND} before each commit`, content: HUSKY_HOOK, detail: HUSKY_HOOK.trimEnd().split('\n') };
  }
  const lines = current.split(/\r?\n/);
  const commands = lines.map((text, index) => ({ text: text.trim(), number: index + 1 })).filter(({ text }) => text !== '' && !text.startsWith('#'));
  if (commands.some(({ text }) => /\btxboundary\b/.test(text))) {
    return { path: HOOK_PATH, kind: 'skip', summary: 'already runs txboundary', detail: [] };
  }
  if (lintStagedRunsTxboundary && commands.some(({ text }) => /\blint-staged\b/.test(text))) {
    return { path: HOOK_PATH, kind: 'skip', summary: 'already runs lint-staged, whose package.json config runs txboundary', detail: [] };
  }
  const last = commands.at(-1);
  const ending = last && /^(exec|exit)(\s|;|$)/.exec(last.text)?.[1];
  if (last && ending) {
    const why = ending === 'exec' ? 'exec replaces the shell, so nothing after it runs' : 'the script ends there, so nothing after it runs';
    return {
      path: HOOK_PATH,
      kind: 'manual',
      summary: `ends with \`${last.text}\` (line ${last.number}): ${why}`,
      detail: [`Add this line to ${HOOK_PATH} above line ${last.number}, then run txboundary init again:`, '', `    ${HOOK_COMMAND}`],
    };
  }
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  return {
    path: HOOK_PATH,
    kind: 'append',
    summary: `add \`${HOOK_COMMAND}\` after the hook's ${commands.length === 1 ? 'command' : `${commands.length} commands`}`,
    content: `${current}${separator}${HOOK_COMMAND}\n`,
    detail: [`+ ${HOOK_COMMAND}`],
  };
}
