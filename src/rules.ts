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
  TXB004: {
    blocksByDefault: false,
    title: 'Transaction boundary section contradicts the body',
    help: 'update the section to what the body does (the suggested pattern is shown), or change the body',
  },
  TXB005: {
    blocksByDefault: false,
    title: 'session not passed on to a function that takes one',
    help: "pass the session on (session=…) so the call joins the caller's transaction",
  },
  TXB006: {
    blocksByDefault: false,
    title: 'more than one transaction in one function',
    help: 'open one session_scope() and pass its session to every step; inherit a given session with session_scope(session)',
  },
} as const;

export type RuleCode = keyof typeof RULES;

export type RuleSetting = 'error' | 'warn' | 'off';

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export function isRuleCode(code: string): code is RuleCode {
  return Object.hasOwn(RULES, code);
}

/** How a finding under this rule is reported: `error` blocks, `warning` is shown, null is silent. */
export function severityOf(code: RuleCode, rules: Readonly<Record<RuleCode, RuleSetting>>): 'error' | 'warning' | null {
  const setting = rules[code];
  return setting === 'off' ? null : setting === 'warn' ? 'warning' : 'error';
}

/** `# noqa: CODE` or `# txboundary: ignore` on the `def` line silences the code for that function. */
export function isSuppressed(suppressed: readonly string[] | 'all', code: RuleCode): boolean {
  return suppressed === 'all' || suppressed.includes(code);
}
