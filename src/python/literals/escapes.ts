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

/** The escapes Python decodes; a backslash before anything else (`\d`, a malformed `\x4`) stays as written. */
const ESCAPE = /\\(?:([\n\\'"abfnrtv])|([0-7]{1,3})|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|N\{([^}\n]*)\})/g;

/**
 * Decode the escape sequences of a literal's body (the text between its
 * quotes, newlines already normalised to `\n`). `\N{NAME}` is resolved for
 * whitespace and printable ASCII, all a section verdict can depend on (see
 * character-names.ts); other names stay as written, since resolving them
 * would need the whole Unicode name table.
 */
export function decodeEscapes(body: string): string {
  return body.replace(ESCAPE, (written, single?: string, octal?: string, hex2?: string, hex4?: string, hex8?: string, name?: string) => {
    if (single !== undefined) return SINGLE[single] as string;
    if (octal !== undefined) return String.fromCharCode(Number.parseInt(octal, 8));
    if (name !== undefined) return CHARACTER_BY_NAME.get(name.toUpperCase()) ?? written;
    const codePoint = Number.parseInt((hex2 ?? hex4 ?? hex8) as string, 16);
    // Past U+10FFFF no character: the escape stays as written.
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : written;
  });
}
