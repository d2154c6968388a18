import type { InitAction } from './action.js';

export const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml';

/**
 * A local hook for the pre-commit framework, indented to sit under `repos:`. `language: system` runs the entry as it is,
 * PATH unchanged, so it names the binary npm installs rather than relying on a global `txboundary`.
 * pre-commit passes the staged Python files as arguments, which restrict the check; `require_serial` keeps them in one
 * process rather than parallel batches. Same hook as the repository's .pre-commit-hooks.yaml (`language: node`, remote use).
 */
export const PRE_COMMIT_SNIPPET = [
  '  - repo: local',
  '    hooks:',
  '      - id: txboundary',
  '        name: txboundary (Transaction boundary docstrings)',
  '        entry: node_modules/.bin/txboundary check',
  '        language: system',
  '        types: [python]',
  '        require_serial: true',
];

/**
 * The pre-commit framework owns `.git/hooks/pre-commit` and refuses to install while core.hooksPath is set, which husky
 * does: a repository using it gets a snippet to add, and no husky. YAML is not edited: where the `repos:` list ends,
 * and what comments say, is the team's.
 */
export function planPreCommitConfig(current: string): InitAction {
  if (/\btxboundary\b/.test(current)) {
    return { path: PRE_COMMIT_CONFIG, kind: 'skip', summary: 'already runs txboundary', detail: [] };
  }
  return {
    path: PRE_COMMIT_CONFIG,
    kind: 'manual',
    summary: 'the pre-commit framework runs the hooks here, so txboundary joins them (husky is not installed)',
    detail: [`Add this entry under \`repos:\` in ${PRE_COMMIT_CONFIG}, then run \`pre-commit install\` if you have not yet:`, '', ...PRE_COMMIT_SNIPPET.map((line) => `  ${line}`)],
  };
}
