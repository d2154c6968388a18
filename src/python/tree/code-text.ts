import { firstAtOrAfter } from '../source/sorted-positions.js';
import type { SyntaxNode } from './syntax-node.js';

const MAX_TEXT = 60;

/**
 * The code of nodes inside one function, read from the original source without comments (once lines are joined,
 * a comment would read as code). The comments are found once per function, so reading a node's code costs one call
 * into WebAssembly for its end, not a search of its subtree.
 */
export class CodeText {
  /** The whole source, comments included. */
  readonly source: string;
  readonly #starts: number[];
  readonly #ends: number[];

  /** `comments`: the function's `comment` nodes, in source order. */
  constructor(source: string, comments: readonly SyntaxNode[]) {
    this.source = source;
    this.#starts = comments.map((comment) => comment.startIndex);
    this.#ends = comments.map((comment) => comment.endIndex);
  }

  /** The source of `node` without its comments. */
  of(node: SyntaxNode): string {
    return this.between(node.startIndex, node.endIndex);
  }

  /** The source from `start` to `end` (UTF-16 offsets, tree-sitter's index unit) without comments. */
  between(start: number, end: number): string {
    let text = '';
    let at = start;
    for (let i = firstAtOrAfter(this.#starts, start); i < this.#starts.length && (this.#starts[i] as number) < end; i++) {
      text += this.source.slice(at, this.#starts[i]);
      at = this.#ends[i] as number;
    }
    return text + this.source.slice(at, end);
  }
}

/** `foo(\n  a,\n  b,\n)` → `foo(a, b)`, shortened to about 60 characters. */
export function oneLine(text: string): string {
  // Most calls are already one tidy line: `session.add(order)`, `get(Order, order_id)`.
  const flat = UNTIDY.test(text)
    ? text
        .replace(/\s+/g, ' ')
        .replace(/, ([)\]}])/g, '$1')
        .replace(/([([{]) /g, '$1')
        .replace(/ ([)\]}])/g, '$1')
    : text;
  return flat.length <= MAX_TEXT ? flat : `${flat.slice(0, MAX_TEXT - 1).trimEnd()}…`;
}

/** What `oneLine` rewrites: whitespace other than single spaces, and spaces inside brackets. */
const UNTIDY = /[^\S ]| \s|[([{] | [)\]}]/;
