import { parseJson } from '../config/parse.js';
import { UserError } from '../errors.js';
import type { InitAction } from './action.js';
import { formatJsonLike } from './json-format.js';

/** The husky release whose hook format (`.husky/pre-commit`, run with sh) init writes. */
const HUSKY_RANGE = '^9.1.7';

export type PackageDocument = Record<string, unknown>;

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;
const OBJECT_FIELDS = [...DEPENDENCY_FIELDS, 'scripts'] as const;

/** Parses package.json and checks the few fields init touches: a UserError stops init before anything is written. */
export function parsePackageJson(text: string): PackageDocument {
  const invalid = (message: string, fix = 'fix the field') => new UserError(message, `${fix}, then run txboundary init again; nothing was changed`);
  let document: unknown;
  try {
    document = parseJson(text, 'package.json');
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw invalid(error.message, error.hint ?? 'fix the file');
  }
  if (!isObject(document)) throw invalid(`package.json must hold an object, got ${describe(document)}`, 'fix the file');
  for (const field of OBJECT_FIELDS) {
    if (field in document && !isObject(document[field])) {
      throw invalid(`package.json: ${field} must be an object, got ${describe(document[field])}`, 'fix the field (npm expects an object of names to versions or commands)');
    }
  }
  const prepare = (document.scripts as PackageDocument | undefined)?.prepare;
  if (prepare !== undefined && typeof prepare !== 'string') throw invalid(`package.json: scripts.prepare must be a string, got ${describe(prepare)}`);
  return document;
}

/** Whether `name` is already a dependency of any kind (its version is then left alone). */
export function hasDependency(document: PackageDocument, name: string): boolean {
  return DEPENDENCY_FIELDS.some((field) => Object.hasOwn((document[field] as PackageDocument | undefined) ?? {}, name));
}

/** The version range of `name` wherever it is listed, if any. */
export function dependencyRange(document: PackageDocument, name: string): string | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const range = (document[field] as PackageDocument | undefined)?.[name];
    if (typeof range === 'string') return range;
  }
  return undefined;
}

export interface PackageWants {
  dirName: string;
  /** txboundary's own version: the new devDependency is `^version`. */
  version: string;
  /** Add husky and a `prepare` script that runs it. */
  husky: boolean;
}

/**
 * Creates a minimal package.json (as npm writes it), or adds what is missing to the existing one in its own layout.
 * Existing versions are never changed; an existing `prepare` script that does not run husky gets ` && husky` appended.
 */
export function planPackageJson(current: { text: string; document: PackageDocument } | null, wants: PackageWants): InitAction {
  const path = 'package.json';
  const document: PackageDocument = current ? structuredClone(current.document) : { name: npmPackageName(wants.dirName), private: true };
  const changes: string[] = [];
  const detail: string[] = [];
  const wanted: [string, string][] = [['txboundary', `^${wants.version}`]];
  if (wants.husky) wanted.push(['husky', HUSKY_RANGE]);
  for (const [name, range] of wanted) {
    if (hasDependency(document, name)) continue;
    document.devDependencies = withEntry((document.devDependencies as PackageDocument | undefined) ?? {}, name, range);
    changes.push(`devDependencies.${name}`);
    detail.push(`devDependencies.${name}: ${JSON.stringify(range)}`);
  }
  if (wants.husky) {
    const scripts = (document.scripts as PackageDocument | undefined) ?? {};
    const prepare = scripts.prepare as string | undefined;
    if (prepare === undefined || !/\bhusky\b/.test(prepare)) {
      const next = prepare === undefined || prepare.trim() === '' ? 'husky' : `${prepare} && husky`;
      document.scripts = { ...scripts, prepare: next };
      changes.push('scripts.prepare');
      detail.push(`scripts.prepare: ${JSON.stringify(next)}${prepare === undefined ? '' : ` (was ${JSON.stringify(prepare)})`}`);
    }
  }
  if (current === null) {
    const content = `${JSON.stringify(document, null, 2)}\n`;
    const tools = wants.husky ? 'txboundary, husky' : 'txboundary';
    return { path, kind: 'create', summary: `a private package for the Node tools (${tools}); your project stays Python`, content, detail: content.trimEnd().split('\n') };
  }
  if (changes.length === 0) {
    const has = wants.husky ? 'txboundary and husky, and scripts.prepare runs husky' : 'txboundary';
    return { path, kind: 'skip', summary: `already lists ${has}`, detail: [] };
  }
  return { path, kind: 'update', summary: `add ${changes.join(', ')}`, content: formatJsonLike(current.text, document), detail };
}

/** Adds `name` to a dependency object: in alphabetical place when the object is sorted (as npm keeps it), else at the end. */
function withEntry(entries: PackageDocument, name: string, range: string): PackageDocument {
  const names = Object.keys(entries);
  const sorted = names.every((key, index) => index === 0 || (names[index - 1] as string).localeCompare(key, 'en') <= 0);
  const all = [...Object.entries(entries), [name, range] as const];
  if (sorted) all.sort(([a], [b]) => a.localeCompare(b, 'en'));
  return Object.fromEntries(all);
}

/** A valid npm package name from a directory name: lower case, URL-safe characters, no leading `.` or `_`, at most 214 characters. */
export function npmPackageName(dirName: string): string {
  const name = dirName
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._~-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214);
  return name === '' || name === 'node_modules' || name === 'favicon.ico' ? 'python-project' : name;
}

function isObject(value: unknown): value is PackageDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`;
}
