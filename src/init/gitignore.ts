import type { InitAction } from './action.js';

const RULE = 'node_modules/';

/** `node_modules`, `/node_modules/`, `**\/node_modules`, `node_modules/**` … */
const IGNORES_NODE_MODULES = /^\/?(\*\*\/)?node_modules(\/(\*\*?)?)?$/;

/**
 * `npm install` creates node_modules/, which a Python project's .gitignore rarely mentions; without the rule,
 * `git add -A` would commit it.
 */
export function planGitignore(current: string | null): InitAction {
  const path = '.gitignore';
  if (current === null) {
    return { path, kind: 'create', summary: `ignores ${RULE}, which npm install creates`, content: `${RULE}\n`, detail: [RULE] };
  }
  if (current.split(/\r?\n/).some((line) => IGNORES_NODE_MODULES.test(line.trim()))) {
    return { path, kind: 'skip', summary: `already ignores ${RULE}`, detail: [] };
  }
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  return { path, kind: 'append', summary: `add ${RULE}, which npm install creates`, content: `${current}${separator}${RULE}\n`, detail: [`+ ${RULE}`] };
}
