/**
 * Line-oriented view of a Python source, the way git counts lines: split on `\n` only, so a CRLF file keeps git's
 * numbering (the `\r` stays at the end of each line and is never mistaken for content by the helpers below).
 */
export class SourceLines {
  readonly #source: string;
  /** UTF-16 offset where each 0-based row starts; built on first use. */
  #starts: number[] | undefined;

  constructor(source: string) {
    this.#source = source;
  }

  /** Number of lines as git counts them: a final `\n` ends the last line, it opens no new one. */
  get count(): number {
    const starts = this.#lineStarts();
    return this.#source.endsWith('\n') ? starts.length - 1 : starts.length;
  }

  /** UTF-16 offset of the start of 0-based `row` (tree-sitter's index unit). */
  offset(row: number): number {
    return this.#lineStarts()[row] ?? this.#source.length;
  }

  /** Text of 0-based `row` without its line terminator (`\n` or `\r\n`). */
  text(row: number): string {
    const starts = this.#lineStarts();
    const start = starts[row];
    if (start === undefined) return '';
    const next = starts[row + 1];
    let end = next === undefined ? this.#source.length : next - 1;
    if (end > start && this.#source.charCodeAt(end - 1) === 0x0d) end -= 1;
    return this.#source.slice(start, end);
  }

  /** The run of spaces, tabs and form feeds that opens 0-based `row`. */
  indentation(row: number): string {
    return leadingWhitespace(this.text(row));
  }

  /** 1-based column in code points of a tree-sitter position, which counts UTF-16 units: an astral character would count twice. */
  characterColumn(row: number, utf16Column: number): number {
    const prefix = this.text(row).slice(0, utf16Column);
    return prefix.length - (prefix.match(/[\ud800-\udbff]/g)?.length ?? 0) + 1;
  }

  #lineStarts(): number[] {
    if (!this.#starts) {
      this.#starts = [0];
      for (let at = this.#source.indexOf('\n'); at !== -1; at = this.#source.indexOf('\n', at + 1)) this.#starts.push(at + 1);
    }
    return this.#starts;
  }
}

/** Python's indentation characters (the tokenizer also accepts form feed). */
export function leadingWhitespace(line: string): string {
  return /^[ \t\f]*/.exec(line)?.[0] ?? '';
}

/** Indentation width as Python's tokenizer measures it: tabs to the next multiple of 8. */
export function indentationWidth(indent: string): number {
  let width = 0;
  for (const char of indent) {
    if (char === '\t') width = width - (width % 8) + 8;
    else if (char === ' ') width += 1;
    else width = 0; // a form feed resets the count, as in CPython's tokenizer
  }
  return width;
}
