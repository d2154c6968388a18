/** A lone identifier and a colon: what the checker reads as a docstring section header. */
const WORD_HEADER = /^[\p{L}_][\p{L}\p{N}_]*:$/u;

/** Columns a tab takes when measuring indentation (the common editor setting). */
const TAB_WIDTH = 4;

/**
 * Fill `text` into lines starting with `prefix` that fit in `width` columns (prefix included); a longer word gets a line.
 * A `Word:` stays glued to the word after it: a line that is only `CRITICAL:` would read as an empty section header to
 * docstring tools and to the TXB003 check (docs/rules.md).
 */
export function wrap(text: string, prefix: string, width: number): string[] {
  const units: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const previous = units.at(-1);
    if (previous !== undefined && WORD_HEADER.test(previous)) units[units.length - 1] = `${previous} ${word}`;
    else if (word !== '') units.push(word);
  }
  const room = width - prefix.replaceAll('\t', ' '.repeat(TAB_WIDTH)).length;
  const lines: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current === '') current = unit;
    else if (current.length + 1 + unit.length <= room) current += ` ${unit}`;
    else {
      lines.push(prefix + current);
      current = unit;
    }
  }
  if (current !== '') lines.push(prefix + current);
  return lines;
}
