import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { type Config, DEFAULT_CONFIG } from './defaults.js';
import { parseJson, parseToml } from './parse.js';
import type { ConfigOrigin } from './validate.js';

export interface LoadConfigOptions {
  topLevel: string;
  /** `--config FILE` as given, relative to `cwd` or absolute. */
  explicitPath?: string;
  cwd: string;
}

export interface LoadedConfig {
  config: Config;
  /** `.txboundaryrc.json`, `package.json#txboundary`, `pyproject.toml#tool.txboundary`; null when the defaults apply. */
  source: string | null;
}

/** README, "Configuration", after `--config`: the first of these at the top level that holds settings wins. */
const IMPLICIT: readonly ConfigOrigin[] = [
  { file: '.txboundaryrc.json', format: 'json', keyPath: [] },
  { file: 'package.json', format: 'json', keyPath: ['txboundary'] },
  { file: 'pyproject.toml', format: 'toml', keyPath: ['tool', 'txboundary'] },
];

const UNSUPPORTED = /\.(?:c?js|mjs|ts|ya?ml|ini|cfg)$/i;

const HINT = 'the Configuration section of the README lists every key with its type and default';

/**
 * The configuration from `--config FILE`, else the first of `IMPLICIT` that holds settings, validated.
 * Throws a UserError listing every problem when the settings are invalid.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const found = options.explicitPath === undefined ? await findImplicit(options) : await readExplicit(options, options.explicitPath);
  if (!found) return { config: DEFAULT_CONFIG, source: null };
  const source = found.origin.keyPath.length > 0 ? `${found.origin.file}#${found.origin.keyPath.join('.')}` : found.origin.file;
  // Validation (and the glob compiler it needs) loads only when there is a file to validate.
  const { validateConfig } = await import('./validate.js');
  const result = validateConfig(found.value, found.origin);
  if (!result.ok) throw new UserError(listProblems(result.problems, source), HINT);
  return { config: result.config, source };
}

/** One problem on its own line; several under a heading, one per line. */
function listProblems(problems: readonly string[], source: string): string {
  if (problems.length === 1) return problems.join('');
  return [`${problems.length} problems in ${source}:`, ...problems.map((problem) => `  - ${problem}`)].join('\n');
}

interface Found {
  value: unknown;
  origin: ConfigOrigin;
}

async function findImplicit(options: LoadConfigOptions): Promise<Found | null> {
  for (const candidate of IMPLICIT) {
    const absolute = path.join(options.topLevel, candidate.file);
    const origin: ConfigOrigin = { ...candidate, file: display(absolute, options.cwd) };
    const text = readIfExists(absolute, origin.file);
    // A package.json or pyproject.toml that never mentions us cannot hold our settings: skip the parse.
    if (text === null || (candidate.keyPath.length > 0 && !text.includes('txboundary'))) continue;
    const value = dig(await parse(text, origin), candidate.keyPath);
    if (value !== undefined) return { value, origin };
  }
  return null;
}

async function readExplicit(options: LoadConfigOptions, given: string): Promise<Found> {
  if (given.trim() === '') throw new UserError('--config needs a file name', 'pass --config path/to/config.json, or leave it out to use .txboundaryrc.json');
  const absolute = path.resolve(options.cwd, given);
  const file = display(absolute, options.cwd);
  if (UNSUPPORTED.test(absolute)) {
    throw new UserError(`${file}: unsupported config format`, 'write the configuration as JSON (.txboundaryrc.json) or TOML (pyproject.toml [tool.txboundary])');
  }
  // package.json and pyproject.toml keep the settings under their key, as when found at the top level.
  const known = IMPLICIT.find((candidate) => candidate.keyPath.length > 0 && candidate.file === path.basename(absolute));
  const origin: ConfigOrigin = { ...(known ?? { format: absolute.toLowerCase().endsWith('.toml') ? 'toml' : 'json', keyPath: [] }), file };
  const text = readIfExists(absolute, file);
  if (text === null) {
    throw new UserError(`config file ${file} does not exist`, `--config is relative to the current directory (${options.cwd})`);
  }
  const value = dig(await parse(text, origin), origin.keyPath);
  if (value === undefined) {
    const where = origin.format === 'toml' ? `[${origin.keyPath.join('.')}] table` : `"${origin.keyPath.join('.')}" key`;
    throw new UserError(`${file} has no ${where}`, `add one, or point --config at the file that holds the settings`);
  }
  return { value, origin };
}

async function parse(text: string, origin: ConfigOrigin): Promise<unknown> {
  return origin.format === 'toml' ? parseToml(text, origin.file) : parseJson(text, origin.file);
}

/** The value under `keyPath`; undefined when a step is missing or not a table. */
function dig(document: unknown, keyPath: readonly string[]): unknown {
  let value = document;
  for (const key of keyPath) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The file's text, or null when there is no such file; any other failure is the user's to fix. Synchronous on purpose:
 * three small reads cost about 0.3 ms this way and several ms through the libuv thread pool, on every commit.
 */
function readIfExists(absolute: string, file: string): string | null {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOENT' || code === 'ENOTDIR') && isDanglingLink(absolute)) {
      throw new UserError(`${file} is a symbolic link to a file that does not exist`, 'point the link at the config file, or remove it to use the defaults');
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') throw new UserError(`${file} is a directory, not a config file`, 'rename or remove it, or pass --config FILE');
    throw new UserError(`cannot read ${file}: ${(error as Error).message}`, 'check the file permissions');
  }
}

/** A link whose target is gone would otherwise silently mean "use the defaults". */
function isDanglingLink(absolute: string): boolean {
  try {
    return lstatSync(absolute).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Relative to the current directory when inside it, so the path can be opened as shown; absolute otherwise. */
function display(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}
