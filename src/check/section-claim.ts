/** What a section's wording promises about the body. */
export interface SectionClaim {
  kind: 'read-only' | 'single-operation';
  /** The sentence that says so, as written (its first line). */
  wording: string;
  /** The phrase that decided, e.g. `read-only`. */
  phrase: string;
}

/** Pattern A's wording and its common variants (SPEC §2). */
const READ_ONLY = /\b(read[- ]only|no transaction needed|pure computation|no database access)\b/i;
/** Pattern B's wording. */
const SINGLE_OPERATION = /\b(single[- ]operation|single[- ]step|automatically atomic)\b/i;
/** `not read-only`, `never a single operation`: a negated phrase promises nothing. */
const NEGATED = /\b(?:not|never|no longer|isn't|is not)\s+(?:\w+\s+)?$/i;

/**
 * The promise a section makes, read from its first line (the text after
 * `<section>:`, or the next non-blank line when the header stands alone):
 * read-only (Pattern A phrases: "Read-only", "no transaction needed", "Pure
 * computation", "no database access") or a single operation (Pattern B:
 * "Single operation", "single-step", "automatically atomic"). Other wording,
 * such as "Inherits session from caller." or Pattern C's, promises neither.
 */
export function readClaim(docstring: string, section: string): SectionClaim | null {
  const header = `${section.toLowerCase()}:`;
  const lines = docstring.split('\n');
  const at = lines.findIndex((line) => line.trimStart().toLowerCase().startsWith(header));
  if (at < 0) return null;
  const rest = (lines[at] ?? '').trimStart().slice(header.length).trim();
  const wording = rest !== '' ? rest : (lines.slice(at + 1).find((line) => line.trim() !== '') ?? '').trim();
  const readOnly = firstPhrase(wording, READ_ONLY);
  if (readOnly) return { kind: 'read-only', wording, phrase: readOnly };
  const single = firstPhrase(wording, SINGLE_OPERATION);
  return single ? { kind: 'single-operation', wording, phrase: single } : null;
}

function firstPhrase(text: string, pattern: RegExp): string | null {
  const match = pattern.exec(text);
  if (!match?.[1]) return null;
  return NEGATED.test(text.slice(0, match.index)) ? null : match[1];
}
