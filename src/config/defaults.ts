import { RULE_CODES, RULES, type RuleCode, type RuleSetting } from '../rules.js';
import type { Pattern } from '../types.js';

/** Settings of README, "Configuration", after defaults are applied. */
export interface Config {
  /** Globs a staged `*.py` path (repo-relative, `/`) must match to be checked. */
  include: string[];
  /** A configured list replaces the default one (`[]` checks tests too). */
  exclude: string[];
  /** The section header, without its colon. */
  section: string;
  /** Honour a literal module-level `__all__` when deciding what is public. */
  respectAll: boolean;
  /** A configured table overrides only the codes it names. */
  rules: Record<RuleCode, RuleSetting>;
  /** Replacements for the built-in A/B/C text (format: see `RenderOptions.templates` in suggest/template.ts). */
  templates: Partial<Record<Pattern, string>>;
}

/** What applies when no configuration is found, and under every key a configuration leaves out. */
export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze<Config>({
  include: Object.freeze(['**/*.py']) as string[],
  exclude: Object.freeze(['**/test_*.py', '**/*_test.py', '**/tests/**', '**/conftest.py']) as string[],
  section: 'Transaction boundary',
  respectAll: true,
  // docs/rules.md: blocking rules are errors, the rest warnings.
  rules: Object.freeze(Object.fromEntries(RULE_CODES.map((code) => [code, RULES[code].blocksByDefault ? 'error' : 'warn']))) as Record<RuleCode, RuleSetting>,
  templates: Object.freeze({}),
});
