/**
 * schema.json (shipped for editor completion) and the configuration check
 * describe the same settings: the same keys, rule codes, settings, template
 * patterns and defaults, and the same verdict on sample configurations.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../../../src/rules.js';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { type ConfigOrigin, KEYS, PATTERNS, SCHEMA_KEY, SETTINGS, validateConfig } from '../../../src/config/validate.js';

interface PropertySchema {
  default?: unknown;
  properties?: Record<string, PropertySchema>;
}

const schema = JSON.parse(readFileSync(new URL('../../../schema.json', import.meta.url), 'utf8')) as {
  properties: Record<string, PropertySchema>;
  definitions: { setting: { enum: string[] } };
};
const RC: ConfigOrigin = { file: '.txboundaryrc.json', keyPath: [], format: 'json' };
const schemaAccepts = new Ajv({ strict: true }).compile(schema);
const checkAccepts = (config: unknown) => validateConfig(config, RC).ok;

describe('schema.json', () => {
  it('names every setting the check knows, and $schema', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([SCHEMA_KEY, ...KEYS].sort());
  });

  it('lists every rule code, with the settings error, warn and off', () => {
    expect(Object.keys(schema.properties.rules?.properties ?? {})).toEqual(RULE_CODES);
    expect(schema.definitions.setting.enum).toEqual(SETTINGS);
  });

  it('lists the template patterns A, B and C', () => {
    expect(Object.keys(schema.properties.templates?.properties ?? {})).toEqual(PATTERNS);
  });

  it('shows the defaults the check applies', () => {
    const { include, exclude, section, respectAll, rules } = DEFAULT_CONFIG;
    expect({
      include: schema.properties.include?.default,
      exclude: schema.properties.exclude?.default,
      section: schema.properties.section?.default,
      respectAll: schema.properties.respectAll?.default,
    }).toEqual({ include, exclude, section, respectAll });
    const ruleDefaults = Object.fromEntries(Object.entries(schema.properties.rules?.properties ?? {}).map(([code, rule]) => [code, rule.default]));
    expect(ruleDefaults).toEqual(rules);
  });

  const accepted: Array<[string, unknown]> = [
    ['nothing', {}],
    ['the starter configuration of init', { $schema: './node_modules/txboundary/schema.json', ...DEFAULT_CONFIG, templates: undefined }],
    [
      'every key',
      { include: ['src/**/*.py'], exclude: [], section: 'Transactions', respectAll: false, rules: { TXB001: 'warn', TXB006: 'off' }, templates: { A: 'Read-only.', C: 'Atomic.\n    {steps}' } },
    ],
    ['an extglob negation', { exclude: ['!(keep)/**'] }],
  ];
  const rejected: Array<[string, unknown]> = [
    ['an unknown key', { inlcude: ['**/*.py'] }],
    ['a glob string instead of an array', { include: '**/*.py' }],
    ['an empty include', { include: [] }],
    ['an empty glob', { exclude: [' '] }],
    ['a leading "/"', { include: ['/src/**'] }],
    ['a "!" negation', { exclude: ['!src/keep.py'] }],
    ['a trailing "/"', { exclude: ['legacy/'] }],
    ['a number in a glob list', { exclude: [1] }],
    ['an empty section', { section: '' }],
    ['a section with its colon', { section: 'Transaction boundary:' }],
    ['a section with spaces around it', { section: ' Transactions' }],
    ['a two-line section', { section: 'Trans\nactions' }],
    ['a string for respectAll', { respectAll: 'yes' }],
    ['an unknown rule code', { rules: { TXB999: 'error' } }],
    ['an unknown setting', { rules: { TXB001: 'block' } }],
    ['an unknown pattern', { templates: { D: 'text' } }],
    ['lines instead of one template string', { templates: { A: ['Read-only.'] } }],
    ['$schema that is not a string', { $schema: 1 }],
  ];

  it.each(accepted)('accepts %s, as the check does', (_, config) => {
    const plain = JSON.parse(JSON.stringify(config)) as unknown;
    expect(checkAccepts(plain)).toBe(true);
    expect(schemaAccepts(plain), JSON.stringify(schemaAccepts.errors)).toBe(true);
  });

  it.each(rejected)('rejects %s, as the check does', (_, config) => {
    expect(checkAccepts(config)).toBe(false);
    expect(schemaAccepts(config)).toBe(false);
  });

  it('leaves the finer glob syntax to the check, which also rejects unbalanced brackets', () => {
    const config = { include: ['src/{a,b/**'] };
    expect(schemaAccepts(config)).toBe(true);
    expect(validateConfig(config, RC)).toMatchObject({ ok: false, problems: [expect.stringMatching(/"\{" at column 5 is never closed/)] });
  });
});

describe('validateConfig: $schema', () => {
  it('is allowed in JSON files and ignored', () => {
    expect(validateConfig({ $schema: './node_modules/txboundary/schema.json' }, RC)).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  it('must be a string', () => {
    expect(validateConfig({ $schema: true }, RC)).toEqual({
      ok: false,
      problems: ['.txboundaryrc.json: $schema must be a string, the path or URL of the JSON Schema, got true'],
    });
  });

  it('is an unknown key in pyproject.toml, where editors do not read it', () => {
    const result = validateConfig({ $schema: 'schema.json' }, { file: 'pyproject.toml', keyPath: ['tool', 'txboundary'], format: 'toml' });
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/^pyproject\.toml: tool\.txboundary\.\$schema is not a known key/)] });
  });
});
