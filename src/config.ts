import type { RuleCode, RuleSetting } from './check/rules.js';
import type { Pattern } from './types.js';

/** Settings of SPEC §6, after defaults are applied. */
export interface Config {
  include: string[];
  exclude: string[];
  section: string;
  respectAll: boolean;
  rules: Record<RuleCode, RuleSetting>;
  templates: Partial<Record<Pattern, string>>;
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze<Config>({
  include: ['**/*.py'],
  exclude: ['**/test_*.py', '**/*_test.py', '**/tests/**', '**/conftest.py'],
  section: 'Transaction boundary',
  respectAll: true,
  rules: { TXB000: 'error', TXB001: 'error', TXB002: 'error', TXB003: 'error' },
  templates: {},
});
