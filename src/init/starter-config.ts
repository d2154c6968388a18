import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { InitAction } from './action.js';
import type { PackageDocument } from './package-json.js';

export const STARTER_CONFIG_PATH = '.txboundaryrc.json';

/** The JSON Schema that ships with the package, where `npm install` puts it: editors complete and check the keys. */
const STARTER_SCHEMA = './node_modules/txboundary/schema.json';

/**
 * The defaults, spelled out so a team sees what it can change. `templates` is left out: empty, it says nothing
 * (the README shows the format).
 */
export function starterConfig(): string {
  const { include, exclude, section, respectAll, rules } = DEFAULT_CONFIG;
  return `${JSON.stringify({ $schema: STARTER_SCHEMA, include, exclude, section, respectAll, rules }, null, 2)}\n`;
}

/** `[tool.txboundary]` or a sub-table such as `[tool.txboundary.rules]`. */
export function pyprojectHasTable(text: string): boolean {
  return /^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*txboundary[ \t]*[\].]/m.test(text);
}

/**
 * Writes `.txboundaryrc.json` unless a place the loader reads (README, "Configuration", after --config) already holds
 * settings; an existing configuration is never touched.
 */
export function planStarterConfig(files: { rcFile: string | null; pyproject: string | null }, packageJson: PackageDocument | null): InitAction {
  const path = STARTER_CONFIG_PATH;
  if (files.rcFile !== null) return { path, kind: 'skip', summary: 'exists (left as it is)', detail: [] };
  if (packageJson !== null && Object.hasOwn(packageJson, 'txboundary')) return { path, kind: 'skip', summary: 'not needed: package.json has a "txboundary" key', detail: [] };
  if (files.pyproject !== null && pyprojectHasTable(files.pyproject)) return { path, kind: 'skip', summary: 'not needed: pyproject.toml has a [tool.txboundary] table', detail: [] };
  const content = starterConfig();
  return { path, kind: 'create', summary: 'the default settings, spelled out for the team to change', content, detail: content.trimEnd().split('\n') };
}
