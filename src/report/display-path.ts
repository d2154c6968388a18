import path from 'node:path';

/**
 * Text output names files relative to the current directory (as ruff does), so they open on click from a subfolder too:
 * `../services/orders.py`. JSON, SARIF and GitHub annotations keep repository-relative paths with `/`.
 */
export function displayPathFrom(cwd: string, topLevel: string | undefined): (file: string) => string {
  if (topLevel === undefined || path.resolve(cwd) === path.resolve(topLevel)) return (file) => file;
  return (file) => path.relative(cwd, path.join(topLevel, ...file.split('/'))) || file;
}
