import type { SectionState } from '../../types.js';

/**
 * Python's whitespace (`str.isspace`), which `str.strip` removes: JavaScript's
 * `\s` plus the separators U+001C–U+001F and U+0085, minus U+FEFF.
 */
const PY_SPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING_SPACE = new RegExp(`^${PY_SPACE}+`);
const TRAILING_SPACE = new RegExp(`${PY_SPACE}+$`);

function pyStrip(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** `Args:`, `Returns:`: a lone identifier and a colon starts the next section. */
const WORD_HEADER = /^[\p{L}_][\p{L}\p{N}_]*:$/u;

/**
 * Whether a docstring value carries `<section>:` (docs/rules.md) and whether the section says anything (TXB003).
 *
 * A header is a line that starts, after leading whitespace, with `<section>:` in any case. It is empty when only
 * whitespace follows the colon and the next line is blank, missing, or another header (`Word:` or the same section
 * again). Any non-empty header makes the section present, so a stray empty duplicate does not block.
 */
export function sectionState(value: string, section: string): SectionState {
  const header = `${section.toLowerCase()}:`;
  const lines = value.split('\n');
  let sawHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const rest = headerRest(lines[i] ?? '', header);
    if (rest === undefined) continue;
    sawHeader = true;
    if (pyStrip(rest) !== '') return 'present';
    const next = lines[i + 1];
    if (next === undefined) continue;
    const nextText = pyStrip(next);
    const nextIsHeader = WORD_HEADER.test(nextText) || headerRest(next, header) !== undefined;
    if (nextText !== '' && !nextIsHeader) return 'present';
  }
  return sawHeader ? 'empty' : 'absent';
}

/** The text after `header` when `line` is that header, else undefined. */
function headerRest(line: string, header: string): string | undefined {
  const text = line.replace(LEADING_SPACE, '');
  if (text.slice(0, header.length).toLowerCase() !== header) return undefined;
  return text.slice(header.length);
}
