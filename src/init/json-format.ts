/**
 * `value` as JSON laid out like `text` (indentation, line endings, final newline, byte order mark), so rewriting a file
 * changes only what was added; a file without any indented line keeps to one line. Key order is the object's own:
 * JSON.parse keeps a file's order, so only added keys move (except integer-like keys, which JavaScript objects always
 * list first; package.json has none).
 */
export function formatJsonLike(text: string, value: unknown): string {
  const indented = /\n([ \t]+)\S/.exec(text)?.[1];
  const indent = indented === undefined ? '' : indented.startsWith('\t') ? '\t' : indented;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const body = JSON.stringify(value, null, indent).replace(/\n/g, newline);
  return `${text.startsWith('\uFEFF') ? '\uFEFF' : ''}${body}${/\n\s*$/.test(text) ? newline : ''}`;
}
