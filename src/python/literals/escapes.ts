import { CHARACTER_BY_NAME } from './character-names.js';
/**
 * Python's escape sequences for non-raw `str` literals, as listed in the
 * language reference ("String and Bytes literals"). Only what a docstring
 * can contain matters here: the decoded value is what a section header is
 * matched against, so `"\x54ransaction boundary:"` must read as a header.
 */

const SINGLE: Readonly<Record<string, string>> = {
  // A backslash at the end of a line is a line continuation: both vanish.
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const OCTAL = /[0-7]{1,3}/y;
const HEX2 = /[0-9a-fA-F]{2}/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const HEX8 = /[0-9a-fA-F]{8}/y;
const NAMED = /\{[^}\n]*\}/y;

/**
 * Decode the escape sequences of a literal's body (the text between its
 * quotes, newlines already normalised to `\n`). Unknown escapes such as `\d`
 * stay as written, as Python keeps them. `\N{NAME}` is resolved for
 * whitespace and printable ASCII, all a section verdict can depend on (see
 * character-names.ts); other names stay as written, since resolving them
 * would need the whole Unicode name table.
 */
export function decodeEscapes(body: string): string {
  let at = body.indexOf('\\');
  if (at === -1) return body;
  let decoded = '';
  let copiedUpTo = 0;
  while (at !== -1) {
    decoded += body.slice(copiedUpTo, at);
    const { text, end } = decodeOne(body, at + 1);
    decoded += text;
    copiedUpTo = end;
    at = body.indexOf('\\', end);
  }
  return decoded + body.slice(copiedUpTo);
}

/** Decode the escape whose backslash sits just before `start`. */
function decodeOne(body: string, start: number): { text: string; end: number } {
  const kind = body[start];
  if (kind === undefined) return { text: '\\', end: start };
  const single = SINGLE[kind];
  if (single !== undefined) return { text: single, end: start + 1 };
  const octal = matchAt(OCTAL, body, start);
  if (octal) return { text: String.fromCharCode(Number.parseInt(octal, 8)), end: start + octal.length };
  const hexPattern = kind === 'x' ? HEX2 : kind === 'u' ? HEX4 : kind === 'U' ? HEX8 : undefined;
  if (hexPattern) {
    const hex = matchAt(hexPattern, body, start + 1);
    const codePoint = hex === undefined ? Number.NaN : Number.parseInt(hex, 16);
    if (hex !== undefined && codePoint <= 0x10ffff) {
      return { text: String.fromCodePoint(codePoint), end: start + 1 + hex.length };
    }
  }
  if (kind === 'N') {
    const name = matchAt(NAMED, body, start + 1);
    const key = name?.slice(1, -1).toUpperCase() ?? '';
    const known = CHARACTER_BY_NAME.get(key);
    if (name) return { text: known ?? `\\N${name}`, end: start + 1 + name.length };
  }
  // Unknown (or malformed) escape: the backslash stays, the next character
  // is read again as ordinary text.
  return { text: '\\', end: start };
}

function matchAt(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}
