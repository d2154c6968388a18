import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../../../src/rules.js';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { didYouMean, levenshtein } from '../../../src/config/did-you-mean.js';
import { type ConfigOrigin, validateConfig } from '../../../src/config/validate.js';

const RC: ConfigOrigin = { file: '.txboundaryrc.json', keyPath: [], format: 'json' };
const PACKAGE: ConfigOrigin = { file: 'package.json', keyPath: ['txboundary'], format: 'json' };
const PYPROJECT: ConfigOrigin = { file: 'pyproject.toml', keyPath: ['tool', 'txboundary'], format: 'toml' };

function problemsOf(value: unknown, origin: ConfigOrigin = RC): string[] {
  const result = validateConfig(value, origin);
  return result.ok ? [] : result.problems;
}

function configOf(value: unknown, origin: ConfigOrigin = RC) {
  const result = validateConfig(value, origin);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

describe('validateConfig: valid settings', () => {
  it('fills every default for an empty object', () => {
    expect(configOf({})).toEqual(DEFAULT_CONFIG);
  });

  it('defaults every rule in RULES to error (blocking) or warn', () => {
    expect(Object.keys(DEFAULT_CONFIG.rules).sort()).toEqual([...RULE_CODES].sort());
    expect(DEFAULT_CONFIG.rules.TXB001).toBe('error');
  });

  it('applies every key', () => {
    const config = configOf({
      include: ['src/services/**'],
      exclude: ['src/services/legacy/**'],
      section: 'Transactions',
      respectAll: false,
      rules: { TXB002: 'warn', TXB003: 'off' },
      templates: { A: 'Read-only.', C: 'Atomic.\nSteps:\n    {steps}' },
    });
    expect(config).toEqual({
      include: ['src/services/**'],
      exclude: ['src/services/legacy/**'],
      section: 'Transactions',
      respectAll: false,
      rules: { ...DEFAULT_CONFIG.rules, TXB002: 'warn', TXB003: 'off' },
      templates: { A: 'Read-only.', C: 'Atomic.\nSteps:\n    {steps}' },
    });
  });

  it('lets exclude replace the default test-file globs, [] included', () => {
    expect(configOf({ exclude: [] }).exclude).toEqual([]);
    expect(configOf({ exclude: ['migrations/**'] }).exclude).toEqual(['migrations/**']);
  });

  it('never hands out the defaults themselves', () => {
    const config = configOf({});
    expect(config.include).not.toBe(DEFAULT_CONFIG.include);
    expect(config.rules).not.toBe(DEFAULT_CONFIG.rules);
    expect(Object.isFrozen(DEFAULT_CONFIG.rules)).toBe(true);
  });

  it('accepts respect_all and respect-all in TOML only', () => {
    expect(configOf({ respect_all: false }, PYPROJECT).respectAll).toBe(false);
    expect(configOf({ 'respect-all': false }, PYPROJECT).respectAll).toBe(false);
    expect(configOf({ respectAll: false }, PYPROJECT).respectAll).toBe(false);
    expect(problemsOf({ respect_all: false })).toEqual([
      '.txboundaryrc.json: respect_all is not a known key (did you mean "respectAll"?); known keys: include, exclude, section, respectAll, rules, templates',
    ]);
  });
});

describe('validateConfig: problems name the file, the key path and the expected type', () => {
  it('the example from the issue', () => {
    expect(problemsOf({ rules: { TXB001: 'block' } })).toEqual(['.txboundaryrc.json: rules.TXB001 must be "error", "warn" or "off", got "block"']);
  });

  it('a document that is not an object', () => {
    expect(problemsOf([])).toEqual(['.txboundaryrc.json: the top level must be an object of settings, got an empty array']);
    expect(problemsOf('src', PACKAGE)).toEqual(['package.json: txboundary must be an object of settings, got "src"']);
    expect(problemsOf(null, PACKAGE)).toEqual(['package.json: txboundary must be an object of settings, got null']);
    expect(problemsOf(3, PYPROJECT)).toEqual(['pyproject.toml: tool.txboundary must be a table of settings, got 3']);
  });

  it('unknown keys, with a suggestion when one is close', () => {
    expect(problemsOf({ exlude: [] })).toEqual(['.txboundaryrc.json: exlude is not a known key (did you mean "exclude"?); known keys: include, exclude, section, respectAll, rules, templates']);
    expect(problemsOf({ severity: {} })).toEqual(['.txboundaryrc.json: severity is not a known key; known keys: include, exclude, section, respectAll, rules, templates']);
    expect(problemsOf({ 'odd key': 1 }, PACKAGE)[0]).toMatch(/^package\.json: txboundary\."odd key" is not a known key;/);
  });

  it('suggests the TOML spelling the user was aiming at', () => {
    expect(problemsOf({ respect_al: true }, PYPROJECT)[0]).toContain('(did you mean "respect_all"?)');
    expect(problemsOf({ secton: 'X' }, PYPROJECT)[0]).toBe(
      'pyproject.toml: tool.txboundary.secton is not a known key (did you mean "section"?); known keys: include, exclude, section, respectAll, rules, templates',
    );
  });

  it('the same key spelled twice in TOML', () => {
    expect(problemsOf({ respect_all: true, 'respect-all': false }, PYPROJECT)).toEqual(['pyproject.toml: tool.txboundary sets respectAll twice, as respect_all and as respect-all; keep one']);
  });

  it('include and exclude', () => {
    expect(problemsOf({ include: 'src/**' })).toEqual(['.txboundaryrc.json: include must be a non-empty array of glob strings, got "src/**" (write ["src/**"])']);
    expect(problemsOf({ include: [] })).toEqual(['.txboundaryrc.json: include must be a non-empty array of glob strings, got an empty array, which would check nothing']);
    expect(problemsOf({ exclude: { a: 1 } })).toEqual(['.txboundaryrc.json: exclude must be an array of glob strings, got an object']);
    expect(problemsOf({ include: ['**/*.py', 3, null] })).toEqual(['.txboundaryrc.json: include[1] must be a glob string, got 3', '.txboundaryrc.json: include[2] must be a glob string, got null']);
  });

  it('bad globs', () => {
    expect(problemsOf({ include: ['src/{a,b'], exclude: ['/tests/**'] }, PACKAGE)).toEqual([
      'package.json: txboundary.include[0] is not a valid glob ("src/{a,b"): "{" at column 5 is never closed',
      'package.json: txboundary.exclude[0] is not a valid glob ("/tests/**"): paths are relative to the repository top level; drop the leading "/"',
    ]);
  });

  it('section', () => {
    expect(problemsOf({ section: '' })).toEqual(['.txboundaryrc.json: section must be a non-empty string, the header without its colon (default "Transaction boundary"), got ""']);
    expect(problemsOf({ section: 'Transaction boundary:' })).toEqual(['.txboundaryrc.json: section must not contain ":" (the colon after it is implied), got "Transaction boundary:"']);
    expect(problemsOf({ section: 'Transaction\nboundary' })).toEqual(['.txboundaryrc.json: section must be a single line, got "Transaction\\nboundary"']);
    expect(problemsOf({ section: ' Tx ' })).toEqual(['.txboundaryrc.json: section must not start or end with whitespace, got " Tx "']);
    expect(problemsOf({ section: ['Tx'] })[0]).toMatch(/section must be a non-empty string.*, got an array$/);
  });

  it('respectAll', () => {
    expect(problemsOf({ respectAll: 'yes' })).toEqual(['.txboundaryrc.json: respectAll must be a boolean (true or false), got "yes"']);
    expect(problemsOf({ respect_all: 1 }, PYPROJECT)).toEqual(['pyproject.toml: tool.txboundary.respect_all must be a boolean (true or false), got 1']);
  });

  it('rules: unknown codes list the known ones', () => {
    expect(problemsOf({ rules: { TXB01: 'off', TXB999: 'off' } })).toEqual([
      `.txboundaryrc.json: rules.TXB01 is not a known rule code (did you mean "TXB001"?); known rule codes: ${RULE_CODES.join(', ')}`,
      `.txboundaryrc.json: rules.TXB999 is not a known rule code; known rule codes: ${RULE_CODES.join(', ')}`,
    ]);
  });

  it('rules: settings, with a suggestion for near misses', () => {
    expect(problemsOf({ rules: { TXB001: 'warning', TXB002: 'Off', TXB003: false } })).toEqual([
      '.txboundaryrc.json: rules.TXB001 must be "error", "warn" or "off", got "warning" (did you mean "warn"?)',
      '.txboundaryrc.json: rules.TXB002 must be "error", "warn" or "off", got "Off" (did you mean "off"?)',
      '.txboundaryrc.json: rules.TXB003 must be "error", "warn" or "off", got false',
    ]);
    expect(problemsOf({ rules: ['TXB001'] }, PYPROJECT)).toEqual(['pyproject.toml: tool.txboundary.rules must be a table mapping rule codes to "error", "warn" or "off", got an array']);
  });

  it('templates', () => {
    expect(problemsOf({ templates: { a: 'x', D: 'y', B: 3 } })).toEqual([
      '.txboundaryrc.json: templates.a is not a known key (did you mean "A"?); known keys: A, B, C',
      '.txboundaryrc.json: templates.D is not a known key (did you mean "A"?); known keys: A, B, C',
      '.txboundaryrc.json: templates.B must be a string, got 3',
    ]);
    expect(problemsOf({ templates: { C: ['Atomic.', '{steps}'] } })).toEqual(['.txboundaryrc.json: templates.C must be a string, got an array (join the lines into one string with "\\n")']);
    expect(problemsOf({ templates: { C: ['Atomic.'] } }, PYPROJECT)).toEqual(['pyproject.toml: tool.txboundary.templates.C must be a string, got an array (write one multi-line string between """)']);
    expect(problemsOf({ templates: 'A' })[0]).toBe('.txboundaryrc.json: templates must be an object with optional keys A, B and C (a template text each), got "A"');
  });

  it('collects every problem instead of stopping at the first', () => {
    const problems = problemsOf({ include: [], section: 1, respectAll: null, rules: { TXB001: 'block' }, colour: true });
    expect(problems).toHaveLength(5);
    expect(problems.every((problem) => problem.startsWith('.txboundaryrc.json: '))).toBe(true);
  });

  it('describes TOML dates and long strings', () => {
    expect(problemsOf({ section: new Date(0) }, PYPROJECT)[0]).toMatch(/, got a date$/);
    expect(problemsOf({ respectAll: 'x'.repeat(100) })[0]).toMatch(/got "x{39}…"$/);
  });

  it('ignores an own __proto__ key from JSON.parse safely', () => {
    expect(problemsOf(JSON.parse('{"__proto__": {"respectAll": false}}'))[0]).toMatch(/__proto__ is not a known key/);
    expect(configOf(JSON.parse('{"rules": {}}')).rules).toEqual(DEFAULT_CONFIG.rules);
  });
});

describe('didYouMean', () => {
  it('finds close candidates, case ignored', () => {
    expect(didYouMean('exlude', ['include', 'exclude'])).toBe('exclude');
    expect(didYouMean('Include', ['include'])).toBe('include');
    expect(didYouMean('warning', ['error', 'warn', 'off'])).toBe('warn');
    expect(didYouMean('incl', ['include', 'exclude'])).toBe('include');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('severity', ['include', 'exclude', 'rules'])).toBeUndefined();
    expect(didYouMean('block', ['error', 'warn', 'off'])).toBeUndefined();
  });

  it('levenshtein', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});
