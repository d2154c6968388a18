import type { Node } from 'web-tree-sitter';
import { decodeEscapes } from './escapes.js';

/** What one Python string token holds, once its prefix and quotes are read. */
export interface StringLiteral {
  /** `bytes` for a b-prefix, `formatted` for f- and t-strings (not constants). */
  kind: 'str' | 'bytes' | 'formatted';
  /** The value for a `str` literal; the undecoded body for the other kinds. */
  value: string;
  /** The opening quote with its prefix, e.g. `"""`, `r'''`. */
  opening: string;
}

const QUOTES = ['"""', "'''", '"', "'"] as const;

/**
 * The source text of one string token (a tree-sitter `string` node), e.g. `r"""a\d"""` or `'x\n'`; null if it does
 * not look like a string literal. Newlines inside become `\n` first, as Python's tokenizer does, so CRLF files give
 * the same value.
 */
export function readStringLiteral(text: string): StringLiteral | null {
  const prefix = /^[A-Za-z]*/.exec(text)?.[0] ?? '';
  const afterPrefix = text.slice(prefix.length);
  const quote = QUOTES.find((candidate) => afterPrefix.startsWith(candidate));
  if (quote === undefined) return null;
  const closed = afterPrefix.length >= 2 * quote.length && afterPrefix.endsWith(quote);
  // An unterminated literal (inside a syntax error) keeps everything after its opening.
  const rawBody = afterPrefix.slice(quote.length, closed ? -quote.length : undefined);
  const body = rawBody.includes('\r') ? rawBody.replace(/\r\n?/g, '\n') : rawBody;
  const flags = prefix.toLowerCase();
  const kind = flags.includes('b') ? 'bytes' : /[ft]/.test(flags) ? 'formatted' : 'str';
  const value = kind === 'str' && !flags.includes('r') ? decodeEscapes(body) : body;
  return { kind, value, opening: prefix + quote };
}

/**
 * The value of a `str` constant expression: a `string` node, or a `concatenated_string` of plain (non-bytes, non-f)
 * strings, which Python folds into one constant. Null for anything else, including an f-string part, which turns
 * the whole expression into a JoinedStr.
 */
export function readStrConstant(node: Node): { value: string; opening: string } | null {
  const parts = node.type === 'concatenated_string' ? node.namedChildren : [node];
  let value = '';
  let opening: string | undefined;
  for (const part of parts) {
    if (part.type === 'comment') continue;
    const literal = part.type === 'string' ? readStringLiteral(part.text) : null;
    if (literal?.kind !== 'str') return null;
    value += literal.value;
    opening ??= literal.opening;
  }
  return opening === undefined ? null : { value, opening };
}
