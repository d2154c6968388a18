/**
 * The characters a `\N{...}` escape can spell that can change a section
 * verdict, by every name Python's `unicodedata` accepts for them: whitespace
 * (`str.isspace`: a header followed only by `\N{NO-BREAK SPACE}` is empty)
 * and printable ASCII (`\N{LATIN CAPITAL LETTER T}ransaction boundary:` is
 * a header).
 */
export const CHARACTER_BY_NAME: ReadonlyMap<string, string> = new Map([
  ...aliases([
    ['\t', 'CHARACTER TABULATION', 'HORIZONTAL TABULATION', 'TAB'],
    ['\n', 'LINE FEED', 'NEW LINE', 'END OF LINE', 'LF'],
    ['\v', 'LINE TABULATION', 'VERTICAL TABULATION', 'VT'],
    ['\f', 'FORM FEED', 'FF'],
    ['\r', 'CARRIAGE RETURN', 'CR'],
    ['\u001c', 'INFORMATION SEPARATOR FOUR', 'FILE SEPARATOR'],
    ['\u001d', 'INFORMATION SEPARATOR THREE', 'GROUP SEPARATOR'],
    ['\u001e', 'INFORMATION SEPARATOR TWO', 'RECORD SEPARATOR'],
    ['\u001f', 'INFORMATION SEPARATOR ONE', 'UNIT SEPARATOR'],
    [' ', 'SPACE', 'SP'],
    ['\u0085', 'NEXT LINE', 'NEL'],
    ['\u00a0', 'NO-BREAK SPACE', 'NBSP'],
    ['\u1680', 'OGHAM SPACE MARK'],
    ['\u2000', 'EN QUAD'],
    ['\u2001', 'EM QUAD'],
    ['\u2002', 'EN SPACE'],
    ['\u2003', 'EM SPACE'],
    ['\u2004', 'THREE-PER-EM SPACE'],
    ['\u2005', 'FOUR-PER-EM SPACE'],
    ['\u2006', 'SIX-PER-EM SPACE'],
    ['\u2007', 'FIGURE SPACE'],
    ['\u2008', 'PUNCTUATION SPACE'],
    ['\u2009', 'THIN SPACE'],
    ['\u200a', 'HAIR SPACE'],
    ['\u2028', 'LINE SEPARATOR'],
    ['\u2029', 'PARAGRAPH SEPARATOR'],
    ['\u202f', 'NARROW NO-BREAK SPACE', 'NNBSP'],
    ['\u205f', 'MEDIUM MATHEMATICAL SPACE'],
    ['\u3000', 'IDEOGRAPHIC SPACE'],
  ]),
  ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].flatMap((letter) => [
    [`LATIN CAPITAL LETTER ${letter}`, letter],
    [`LATIN SMALL LETTER ${letter}`, letter.toLowerCase()],
  ]),
  ...['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'].map((digit, value) => [`DIGIT ${digit}`, String(value)]),
  ...aliases([
    ['!', 'EXCLAMATION MARK'],
    ['"', 'QUOTATION MARK'],
    ['#', 'NUMBER SIGN'],
    ['$', 'DOLLAR SIGN'],
    ['%', 'PERCENT SIGN'],
    ['&', 'AMPERSAND'],
    ["'", 'APOSTROPHE'],
    ['(', 'LEFT PARENTHESIS'],
    [')', 'RIGHT PARENTHESIS'],
    ['*', 'ASTERISK'],
    ['+', 'PLUS SIGN'],
    [',', 'COMMA'],
    ['-', 'HYPHEN-MINUS'],
    ['.', 'FULL STOP'],
    ['/', 'SOLIDUS'],
    [':', 'COLON'],
    [';', 'SEMICOLON'],
    ['<', 'LESS-THAN SIGN'],
    ['=', 'EQUALS SIGN'],
    ['>', 'GREATER-THAN SIGN'],
    ['?', 'QUESTION MARK'],
    ['@', 'COMMERCIAL AT'],
    ['[', 'LEFT SQUARE BRACKET'],
    ['\\', 'REVERSE SOLIDUS'],
    [']', 'RIGHT SQUARE BRACKET'],
    ['^', 'CIRCUMFLEX ACCENT'],
    ['_', 'LOW LINE'],
    ['`', 'GRAVE ACCENT'],
    ['{', 'LEFT CURLY BRACKET'],
    ['|', 'VERTICAL LINE'],
    ['}', 'RIGHT CURLY BRACKET'],
    ['~', 'TILDE'],
  ]),
] as [string, string][]);

/** `[character, ...names]` rows as `[name, character]` pairs. */
function aliases(rows: readonly (readonly [string, ...string[]])[]): [string, string][] {
  return rows.flatMap(([character, ...names]) => names.map((name): [string, string] => [name, character]));
}
