import { isRuleCode, RULE_CODES, type RuleSetting } from '../rules.js';
import type { Pattern } from '../types.js';
import { type Config, DEFAULT_CONFIG } from './defaults.js';
import { didYouMean } from './did-you-mean.js';
import { globProblem } from './glob-problem.js';

/** Where a configuration value was read from; every problem names it. */
export interface ConfigOrigin {
  /** The file as shown to the user, e.g. `.txboundaryrc.json`. */
  file: string;
  /** Where the settings sit inside the file: `[]`, `['txboundary']`, `['tool', 'txboundary']`. */
  keyPath: readonly string[];
  /** TOML wording ("a table") and, in TOML only, `respect_all`/`respect-all` for `respectAll`. */
  format: 'json' | 'toml';
}

/** The settings, in the order the messages list them. */
export const KEYS = ['include', 'exclude', 'section', 'respectAll', 'rules', 'templates'] as const;
type Key = (typeof KEYS)[number];
/** Allowed beside the settings in JSON files; TOML has no use for it. */
export const SCHEMA_KEY = '$schema';
export const SETTINGS: readonly RuleSetting[] = ['error', 'warn', 'off'];
export const PATTERNS: readonly Pattern[] = ['A', 'B', 'C'];

type Path = readonly (string | number)[];

interface Context {
  origin: ConfigOrigin;
  problems: string[];
}

/** Each reports what is wrong with its setting; any problem discards the whole configuration. */
type Reader<K extends Key> = (value: unknown, path: Path, context: Context) => Config[K] | undefined;

const READERS: { [K in Key]: Reader<K> } = {
  include: (value, path, context) => readGlobs(value, path, context, true),
  exclude: (value, path, context) => readGlobs(value, path, context, false),
  section: readSection,
  respectAll: readBoolean,
  rules: readRules,
  templates: readTemplates,
};

/**
 * Checks a parsed configuration (README, "Configuration") and fills in the defaults, collecting every problem, e.g.
 * `.txboundaryrc.json: rules.TXB001 must be "error", "warn" or "off", got "block"`.
 */
export function validateConfig(value: unknown, origin: ConfigOrigin): { ok: true; config: Config } | { ok: false; problems: string[] } {
  const context: Context = { origin, problems: [] };
  if (!isTable(value)) {
    report(context, [], `must be ${aTable(origin)} of settings, got ${describe(value, origin)}`);
    return { ok: false, problems: context.problems };
  }
  const config: Config = {
    ...DEFAULT_CONFIG,
    include: [...DEFAULT_CONFIG.include],
    exclude: [...DEFAULT_CONFIG.exclude],
    rules: { ...DEFAULT_CONFIG.rules },
    templates: { ...DEFAULT_CONFIG.templates },
  };
  const keyOf = new Map(KEYS.flatMap((key) => spellings(key, origin.format).map((spelling) => [spelling, key] as const)));
  const spelledAs = new Map<Key, string>();
  for (const [spelled, setting] of Object.entries(value)) {
    // Editors read `$schema` for completion (schema.json ships with the package); the check ignores it.
    if (spelled === SCHEMA_KEY && origin.format === 'json') {
      if (typeof setting !== 'string') report(context, [spelled], `must be a string, the path or URL of the JSON Schema, got ${describe(setting, origin)}`);
      continue;
    }
    const key = keyOf.get(spelled);
    if (key === undefined) {
      report(context, [spelled], unknown('key', spelled, KEYS, [...keyOf.keys()]));
      continue;
    }
    const earlier = spelledAs.get(key);
    if (earlier !== undefined) {
      report(context, [], `sets ${key} twice, as ${earlier} and as ${spelled}; keep one`);
      continue;
    }
    spelledAs.set(key, spelled);
    const read = READERS[key](setting, [spelled], context);
    if (read !== undefined) Object.assign(config, { [key]: read });
  }
  return context.problems.length > 0 ? { ok: false, problems: context.problems } : { ok: true, config };
}

function readGlobs(value: unknown, path: Path, context: Context, nonEmpty: boolean): string[] | undefined {
  const expected = nonEmpty ? 'a non-empty array of glob strings' : 'an array of glob strings';
  const got = describe(value, context.origin);
  if (typeof value === 'string') return report(context, path, `must be ${expected}, got ${got} (write [${got}])`);
  if (!Array.isArray(value)) return report(context, path, `must be ${expected}, got ${got}`);
  if (nonEmpty && value.length === 0) return report(context, path, `must be ${expected}, got an empty array, which would check nothing`);
  value.forEach((glob: unknown, index) => {
    if (typeof glob !== 'string') {
      report(context, [...path, index], `must be a glob string, got ${describe(glob, context.origin)}`);
      return;
    }
    const problem = globProblem(glob);
    if (problem) report(context, [...path, index], `is not a valid glob (${JSON.stringify(glob)}): ${problem}`);
  });
  return value.slice();
}

function readSection(value: unknown, path: Path, context: Context): string | undefined {
  const got = describe(value, context.origin);
  if (typeof value !== 'string' || value.trim() === '') {
    return report(context, path, `must be a non-empty string, the header without its colon (default "${DEFAULT_CONFIG.section}"), got ${got}`);
  }
  if (/[\r\n]/.test(value)) return report(context, path, `must be a single line, got ${got}`);
  if (value.includes(':')) return report(context, path, `must not contain ":" (the colon after it is implied), got ${got}`);
  if (value.trim() !== value) return report(context, path, `must not start or end with whitespace, got ${got}`);
  return value;
}

function readBoolean(value: unknown, path: Path, context: Context): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return report(context, path, `must be a boolean (true or false), got ${describe(value, context.origin)}`);
}

function readRules(value: unknown, path: Path, context: Context): Config['rules'] | undefined {
  const choices = '"error", "warn" or "off"';
  if (!isTable(value)) {
    return report(context, path, `must be ${aTable(context.origin)} mapping rule codes to ${choices}, got ${describe(value, context.origin)}`);
  }
  const rules = { ...DEFAULT_CONFIG.rules };
  for (const [code, setting] of Object.entries(value)) {
    if (!isRuleCode(code)) {
      report(context, [...path, code], unknown('rule code', code, RULE_CODES));
    } else if (typeof setting === 'string' && (SETTINGS as readonly string[]).includes(setting)) {
      rules[code] = setting as RuleSetting;
    } else {
      const guess = typeof setting === 'string' ? didYouMean(setting, SETTINGS) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : '';
      report(context, [...path, code], `must be ${choices}, got ${describe(setting, context.origin)}${hint}`);
    }
  }
  return rules;
}

function readTemplates(value: unknown, path: Path, context: Context): Config['templates'] | undefined {
  const { origin } = context;
  if (!isTable(value)) {
    return report(context, path, `must be ${aTable(origin)} with optional keys A, B and C (a template text each), got ${describe(value, origin)}`);
  }
  const templates: Config['templates'] = {};
  for (const [key, text] of Object.entries(value)) {
    if (!(PATTERNS as readonly string[]).includes(key)) {
      report(context, [...path, key], unknown('key', key, PATTERNS));
    } else if (typeof text !== 'string') {
      const lines = origin.format === 'toml' ? 'write one multi-line string between """' : 'join the lines into one string with "\\n"';
      report(context, [...path, key], `must be a string, got ${describe(text, origin)}${Array.isArray(text) ? ` (${lines})` : ''}`);
    } else {
      templates[key as Pattern] = text;
    }
  }
  return templates;
}

/** `is not a known key (did you mean "exclude"?); known keys: …`. */
function unknown(what: string, given: string, known: readonly string[], spellings: readonly string[] = known): string {
  const guess = didYouMean(given, spellings);
  return `is not a known ${what}${guess ? ` (did you mean "${guess}"?)` : ''}; known ${what}s: ${known.join(', ')}`;
}

/** Python users write `respect_all` or `respect-all` in pyproject.toml; JSON stays camelCase. */
function spellings(key: Key, format: ConfigOrigin['format']): string[] {
  if (format === 'json') return [key];
  const joined = (separator: string) => key.replace(/[A-Z]/g, (upper) => separator + upper.toLowerCase());
  return [...new Set([key, joined('_'), joined('-')])];
}

/** Records a problem at `path` (below the origin's key path); returns undefined for the readers' convenience. */
function report(context: Context, path: Path, message: string): undefined {
  context.problems.push(`${context.origin.file}: ${formatPath([...context.origin.keyPath, ...path])} ${message}`);
  return undefined;
}

/** `rules.TXB001`, `include[2]`, `tool.txboundary."odd key"`; the whole document is "the top level". */
function formatPath(path: Path): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = /^[A-Za-z_$][\w$-]*$/.test(part) ? part : JSON.stringify(part);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

/** A value as the message shows it: strings and numbers as written, containers by kind. */
function describe(value: unknown, origin: ConfigOrigin): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return aTable(origin);
  return typeof value;
}

function aTable(origin: ConfigOrigin): string {
  return origin.format === 'toml' ? 'a table' : 'an object';
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
