import { describe, expect, it } from 'vitest';
import type { Classification } from '../../../src/suggest/classify.js';
import { CANONICAL_FIRST_LINES, DEFAULT_TEMPLATES, renderDocstring, renderSection } from '../../../src/suggest/template.js';
import type { Pattern } from '../../../src/types.js';

const SECTION = 'Transaction boundary';

function classification(pattern: Pattern, steps: string[] = []): Classification {
  return { pattern, evidence: [], reason: '', steps };
}

const placeOrder = classification('C', ['create_order(customer, session=session)', 'session.add(order)']);

/** What the checker needs (docs/rules.md, TXB003): a `<section>:` line with text after the colon. */
function hasNonEmptyHeader(docstringValue: string, section: string): boolean {
  const header = `${section.toLowerCase()}:`;
  return docstringValue.split('\n').some((line) => {
    const text = line.trim();
    return text.toLowerCase().startsWith(header) && text.slice(header.length).trim() !== '';
  });
}

describe('renderSection', () => {
  it('renders A at a four-space indent', () => {
    expect(renderSection(classification('A'), { section: SECTION, indent: '    ' })).toEqual([
      '    Transaction boundary: Read-only, no transaction needed.',
      '        Safe to call without a session. A session passed by the caller gives',
      "        consistent reads inside the caller's transaction.",
    ]);
  });

  it('renders B at an eight-space indent, wrapped within 79 columns', () => {
    const lines = renderSection(classification('B'), { section: SECTION, indent: '        ' });
    expect(lines[0]).toBe('        Transaction boundary: Single operation, automatically atomic.');
    expect(lines.slice(1).every((line) => line.startsWith('            '))).toBe(true);
    expect(lines.every((line) => line.length <= 79)).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('With a session, the caller controls commit and rollback. Without one, the function opens its own session_scope() that commits on success.');
  });

  it('renders C with numbered steps and the CRITICAL line', () => {
    expect(renderSection(placeOrder, { section: SECTION, indent: '    ' })).toEqual([
      '    Transaction boundary: ALL operations in single session (atomic).',
      '        Atomicity guarantee: all steps succeed or all roll back.',
      '        Steps executed atomically:',
      '            1. create_order(customer, session=session)',
      '            2. session.add(order)',
      '        CRITICAL: every nested service call receives the session; no new',
      '        session_scope() is opened.',
    ]);
  });

  it('indents with tabs under a tab-indented docstring', () => {
    const lines = renderSection(placeOrder, { section: SECTION, indent: '\t\t' });
    expect(lines[0]).toBe('\t\tTransaction boundary: ALL operations in single session (atomic).');
    expect(lines[1]).toBe('\t\t\tAtomicity guarantee: all steps succeed or all roll back.');
    expect(lines[3]).toBe('\t\t\t\t1. create_order(customer, session=session)');
    expect(lines.every((line) => !/^\t* +/.test(line) || line.startsWith('\t\t\t'))).toBe(true);
  });

  it('shows placeholder steps when C was chosen by name alone', () => {
    const lines = renderSection(classification('C'), { section: SECTION, indent: '' });
    expect(lines.slice(2, 5)).toEqual(['    Steps executed atomically:', '        1. <first step>', '        2. <next step>']);
  });

  it('keeps steps from closing the docstring or starting an escape', () => {
    const c = classification('C', ['cursor.execute("""DELETE FROM t""")', 're.sub("\\d", "", s)']);
    const lines = renderSection(c, { section: SECTION, indent: '    ' });
    expect(lines).toContain('            1. cursor.execute("DELETE FROM t")');
    expect(lines).toContain('            2. re.sub("\\\\d", "", s)');
  });

  it('uses the configured section name', () => {
    const lines = renderSection(classification('A'), { section: 'Transactions', indent: '    ' });
    expect(lines[0]).toBe('    Transactions: Read-only, no transaction needed.');
  });
});

describe('template overrides', () => {
  it('expands {steps} on its own line and keeps relative indentation', () => {
    const templates = {
      C: 'Multi-step operation (atomic).\n  Steps:\n      {steps}\n  Callers must pass their session.\n',
    };
    expect(renderSection(placeOrder, { section: SECTION, indent: '    ', templates })).toEqual([
      '    Transaction boundary: Multi-step operation (atomic).',
      '        Steps:',
      '            1. create_order(customer, session=session)',
      '            2. session.add(order)',
      '        Callers must pass their session.',
    ]);
  });

  it('joins {steps} inline, leaves other patterns alone, never empties the header', () => {
    const templates = { C: 'Atomic.\nRuns {steps} together.', A: '\nPure computation (no database access).' };
    expect(renderSection(placeOrder, { section: SECTION, indent: '', templates })).toEqual([
      'Transaction boundary: Atomic.',
      '    Runs 1. create_order(customer, session=session); 2. session.add(order) together.',
    ]);
    expect(renderSection(classification('A'), { section: SECTION, indent: '', templates })).toEqual([
      'Transaction boundary: Read-only, no transaction needed.',
      '    Pure computation (no database access).',
    ]);
    expect(renderSection(classification('B'), { section: SECTION, indent: '', templates })[0]).toBe('Transaction boundary: Single operation, automatically atomic.');
  });

  it('builds the defaults from the canonical first lines', () => {
    for (const pattern of ['A', 'B', 'C'] as const) {
      expect(DEFAULT_TEMPLATES[pattern].split('\n')[0]).toBe(CANONICAL_FIRST_LINES[pattern]);
    }
  });
});

describe('renderDocstring', () => {
  it('writes a summary from the name, a blank line, the section and the closing quotes', () => {
    const section = renderSection(classification('B'), { section: SECTION, indent: '    ' });
    expect(renderDocstring('create_user', section, '    ')).toEqual(['    """Create user.', '', ...section, '    """']);
  });

  it('summarises qualified, camelCase and dunder names', () => {
    const first = (name: string) => renderDocstring(name, [], '')[0];
    expect(first('UserService.create_user')).toBe('"""Create user.');
    expect(first('getUserByID')).toBe('"""Get user by ID.');
    expect(first('__call__')).toBe('"""Call.');
    expect(first('_')).toBe('"""Describe what this function does.');
  });
});

describe('what the checker sees', () => {
  const cases: Array<[Pattern, string[]]> = [
    ['A', []],
    ['B', []],
    ['C', placeOrder.steps],
    ['C', []],
  ];
  for (const indent of ['    ', '        ', '\t']) {
    for (const [pattern, steps] of cases) {
      it(`${pattern} (${steps.length} steps) at ${JSON.stringify(indent)} has a non-empty header`, () => {
        for (const section of [SECTION, 'Tx']) {
          const lines = renderSection(classification(pattern, steps), { section, indent });
          const docstring = renderDocstring('place_order', lines, indent);
          const value = docstring
            .join('\n')
            .replace(/^\s*"""/, '')
            .replace(/"""$/, '');
          expect(hasNonEmptyHeader(value, section)).toBe(true);
          // no line may read as an empty `Word:` header either
          expect(lines.some((line) => /^[\p{L}_][\p{L}\p{N}_]*:$/u.test(line.trim()))).toBe(false);
        }
      });
    }
  }
});
