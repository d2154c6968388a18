import type { Pattern } from '../types.js';
import type { Classification } from './classify.js';
import { lastPart } from '../python/facts/vocabulary.js';
import { wrap } from './wrap.js';

/** The canonical first line of each pattern, the text after `<section>: ` (docs/suggestion.md). */
export const CANONICAL_FIRST_LINES: Readonly<Record<Pattern, string>> = {
  A: 'Read-only, no transaction needed.',
  B: 'Single operation, automatically atomic.',
  C: 'ALL operations in single session (atomic).',
};

/**
 * The built-in templates, in the format `templates` overrides use. Their guidance lines are paragraphs,
 * wrapped at render time, when the indentation is known.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<Pattern, string>> = {
  A: [CANONICAL_FIRST_LINES.A, "Safe to call without a session. A session passed by the caller gives consistent reads inside the caller's transaction."].join('\n'),
  B: [CANONICAL_FIRST_LINES.B, 'With a session, the caller controls commit and rollback. Without one, the function opens its own session_scope() that commits on success.'].join('\n'),
  C: [
    CANONICAL_FIRST_LINES.C,
    'Atomicity guarantee: all steps succeed or all roll back.',
    'Steps executed atomically:',
    '    {steps}',
    'CRITICAL: every nested service call receives the session; no new session_scope() is opened.',
  ].join('\n'),
};

/** Guidance is wrapped to this many columns, indentation included. */
const WIDTH = 79;
/** Shown for Pattern C when the body gave no steps (the name alone chose C). */
const PLACEHOLDER_STEPS = ['<first step>', '<next step>'];

export interface RenderOptions {
  /** The section header without its colon, e.g. `Transaction boundary`. */
  section: string;
  /** The docstring body's indentation; every returned line starts with it. */
  indent: string;
  /**
   * Replacements for the built-in text, per pattern. A template is the text after `<section>: `:
   * - its first line goes on the header line (a blank one falls back to the canonical line, so the header is never empty);
   * - each later line becomes a continuation line, one level deeper than the header, its indentation relative to the
   *   other later lines kept;
   * - a line that is only `{steps}` expands to the numbered steps (`1. …`) at its indentation; `{steps}` inside other
   *   text becomes `1. …; 2. …`.
   * Custom lines are used as written; only the built-in guidance is re-wrapped.
   */
  templates?: Partial<Record<Pattern, string>>;
}

/**
 * The section to paste into a docstring, one string per line. A level is four spaces, or a tab in a
 * tab-indented docstring, where each four spaces of a template's relative indentation become a tab too.
 */
export function renderSection(c: Classification, options: RenderOptions): string[] {
  const custom = options.templates?.[c.pattern];
  const [first = '', ...rest] = (custom ?? DEFAULT_TEMPLATES[c.pattern]).split(/\r?\n/);
  const header = first.trim() || CANONICAL_FIRST_LINES[c.pattern];
  const tabs = options.indent.includes('\t');
  const body = options.indent + (tabs ? '\t' : '    ');
  const steps = c.steps.length > 0 ? c.steps : c.pattern === 'C' ? PLACEHOLDER_STEPS : [];
  const numbered = steps.map((step, i) => (step.startsWith('… ') ? step : `${i + 1}. ${pasteable(step)}`));
  while (rest.at(-1)?.trim() === '') rest.pop();
  const base = commonIndent(rest);

  const lines = [`${options.indent}${options.section}: ${header}`];
  for (const raw of rest) {
    const line = raw.slice(base.length).trimEnd();
    const spaces = /^\s*/.exec(line)?.[0] ?? '';
    const leading = tabs ? spaces.replaceAll('    ', '\t') : spaces;
    if (line.trim() === '{steps}') {
      lines.push(...numbered.map((step) => body + leading + step));
    } else if (line === '') {
      lines.push('');
    } else {
      const text = line.trimStart().replaceAll('{steps}', numbered.join('; '));
      lines.push(...(custom === undefined ? wrap(text, body + leading, WIDTH) : [body + leading + text]));
    }
  }
  return lines;
}

/** A whole docstring for a function that has none: a summary made from the name, a blank line, then `sectionLines`. */
export function renderDocstring(functionName: string, sectionLines: string[], indent: string): string[] {
  return [`${indent}"""${summarize(functionName)}`, '', ...sectionLines, `${indent}"""`];
}

/** `create_user` → `Create user.`, `getUserByID` → `Get user by ID.` */
function summarize(functionName: string): string {
  const words = lastPart(functionName)
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .split('_')
    .filter((word) => word !== '')
    .map((word) => (word === word.toUpperCase() ? word : word.toLowerCase()));
  const [head, ...tail] = words;
  if (head === undefined) return 'Describe what this function does.';
  return `${[head.charAt(0).toUpperCase() + head.slice(1), ...tail].join(' ')}.`;
}

/**
 * Call text made safe inside any docstring: a triple quote would end it, and a lone backslash may start an invalid escape
 * (a SyntaxWarning since 3.12).
 */
function pasteable(step: string): string {
  return step.replace(/"{3,}/g, '"').replace(/'{3,}/g, "'").replaceAll('\\', '\\\\');
}

/** The indentation every non-blank line shares. */
function commonIndent(lines: string[]): string {
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    while (common !== undefined && !indent.startsWith(common)) common = common.slice(0, -1);
    common ??= indent;
  }
  return common ?? '';
}
