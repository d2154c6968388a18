import { CHARACTER_BY_NAME } from './character-names.js';

/** The one-character escapes of Python's `str` literals ("String and Bytes literals" in its reference). */
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
 * For a non-raw `str` literal's body (newlines already `\n`): a section header is matched against the value, so
 * `"\x54ransaction boundary:"` is one. `\N{NAME}` is resolved for the characters a verdict can depend on
 * (`CHARACTER_BY_NAME`); other names stay as written, since resolving them would need the whole Unicode name table.
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
