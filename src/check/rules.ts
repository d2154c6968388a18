/** Every rule txboundary knows, with the wording used wherever it is shown. */
export const RULES = {
  TXB000: {
    blocksByDefault: true,
    title: 'syntax error in the staged change',
    help: 'fix the syntax error so the changed functions can be checked',
  },
  TXB001: {
    blocksByDefault: true,
    title: 'modified public function has no Transaction boundary section',
    help: 'add the section below to the docstring',
  },
  TXB002: {
    blocksByDefault: true,
    title: 'Transaction boundary section removed',
    help: 'restore the section (the suggestion below is fresh from the body)',
  },
  TXB003: {
    blocksByDefault: true,
    title: 'Transaction boundary section is empty',
    help: 'say what the function does with transactions after the header',
  },
} as const;

export type RuleCode = keyof typeof RULES;

export type RuleSetting = 'error' | 'warn' | 'off';

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export function isRuleCode(code: string): code is RuleCode {
  return Object.hasOwn(RULES, code);
}
