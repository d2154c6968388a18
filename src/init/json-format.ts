/** How a JSON file is laid out, so that rewriting it changes only what was added. */
export interface JsonFormat {
  /** `'\t'`, a run of spaces, or `''` for a file written on one line. */
  indent: string;
  newline: '\n' | '\r\n';
  finalNewline: boolean;
  byteOrderMark: boolean;
}

/** The layout of `text`; a file without any indented line keeps to one line. */
export function detectJsonFormat(text: string): JsonFormat {
  const indented = /\n([ \t]+)\S/.exec(text);
  return {
    indent: indented?.[1] ? (indented[1].startsWith('\t') ? '\t' : indented[1]) : '',
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    finalNewline: /\n\s*$/.test(text),
    byteOrderMark: text.startsWith('\uFEFF'),
  };
}

/**
 * `value` as JSON in the given layout. Key order is the object's own: JSON.parse
 * keeps a file's order, so only added keys move (except integer-like keys,
 * which JavaScript objects always list first; package.json has none).
 */
export function formatJson(value: unknown, format: JsonFormat): string {
  const body = JSON.stringify(value, null, format.indent).replace(/\n/g, format.newline);
  return `${format.byteOrderMark ? '\uFEFF' : ''}${body}${format.finalNewline ? format.newline : ''}`;
}

/** What npm writes: two spaces and a final newline. */
export const NPM_FORMAT: JsonFormat = { indent: '  ', newline: '\n', finalNewline: true, byteOrderMark: false };
