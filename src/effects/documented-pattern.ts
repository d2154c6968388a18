import type { Pattern } from '../types.js';

/** Which pattern a section's wording names, and the phrase that says so. */
export interface DocumentedPattern {
  pattern: Pattern;
  /** The phrase as written, e.g. `Read-only`. */
  phrase: string;
  /** The section's first line of text. */
  wording: string;
}

/**
 * The phrases that name each pattern: the templates' first lines and the variants teams write by hand
 * (docs/suggestion.md, "Reading a section").
 */
const PHRASES: ReadonlyArray<readonly [Pattern, RegExp]> = [
  ['A', /\b(read[- ]only|pure computation|no database access|no transaction needed|file i\/o)\b/i],
  ['B', /\b(single[- ]operation|single[- ]step|single (?:update|insert|delete|write)|upsert|automatically atomic)\b/i],
  ['C', /\b(all operations|multi[- ]step|multiple (?:steps|operations|writes))\b/i],
];
/** `not read-only`, `never a single operation`: a negated phrase names nothing. */
const NEGATED = /\b(?:not|never|no longer|isn't|is not)\s+(?:\w+\s+)?$/i;
/** `Args:`, `Returns:`: a lone word and a colon ends the section. */
const NEXT_HEADER = /^[\p{L}_][\p{L}\p{N}_]*:\s*$/u;

/**
 * The pattern a docstring's section names in its authors' own words, or null when it names none or more than one
 * ("Inherits session from caller." alone says nothing about writes). The section runs from its header to the first
 * blank line or `Word:` header.
 *
 *     Transaction boundary: Read-only, no transaction needed.   → A
 *     Transaction boundary: Multi-step operation (atomic).      → C
 */
export function readDocumentedPattern(docstring: string, section: string): DocumentedPattern | null {
  const text = sectionText(docstring, section);
  if (text === null) return null;
  const found = PHRASES.flatMap(([pattern, expression]) => {
    const phrase = firstPhrase(text.body, expression);
    return phrase ? [{ pattern, phrase }] : [];
  });
  if (found.length !== 1) return null;
  const [only] = found as [{ pattern: Pattern; phrase: string }];
  return { ...only, wording: text.wording };
}

function sectionText(docstring: string, section: string): { body: string; wording: string } | null {
  const header = `${section.toLowerCase()}:`;
  const lines = docstring.split('\n');
  const at = lines.findIndex((line) => line.trimStart().toLowerCase().startsWith(header));
  if (at < 0) return null;
  const body = [(lines[at] ?? '').trimStart().slice(header.length).trim()];
  for (const line of lines.slice(at + 1)) {
    const trimmed = line.trim();
    if ((trimmed === '' && body.some((part) => part !== '')) || NEXT_HEADER.test(trimmed)) break;
    body.push(trimmed);
  }
  const wording = body.find((part) => part !== '') ?? '';
  return { body: body.join(' '), wording };
}

function firstPhrase(text: string, expression: RegExp): string | null {
  const pattern = new RegExp(expression.source, 'gi');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[1] && !NEGATED.test(text.slice(0, match.index))) return match[1];
  }
  return null;
}
