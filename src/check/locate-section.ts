import { sectionState } from '../python/literals/docstring.js';
import { indentationWidth, leadingWhitespace } from '../python/source/source-lines.js';
import type { Docstring, FunctionInfo } from '../types.js';
import type { Fix, LineEdit } from './diagnostic.js';
import { isSectionStart } from './section-start.js';

export interface SectionRequest {
  /** The checked source split on `\n` (a CRLF file keeps its `\r`s). */
  lines: readonly string[];
  fn: Pick<FunctionInfo, 'defLine' | 'headerEnd' | 'bodyStart' | 'docstring'>;
  section: string;
  /** What the help says to paste: the section at the docstring's indentation, or, with no docstring, a whole one. */
  paste: readonly string[];
}

/**
 * Where the pasted lines go, as a fix of `request.lines`:
 *
 * - an empty header (TXB003) is replaced by the whole section, never doubled;
 * - in a docstring, after the summary and any description paragraphs, right before the first `Args:`-style section,
 *   reST field or `>>>` example (see `isSectionStart`), or at the end, on lines of its own before the closing quotes;
 * - a one-line docstring (`"""Summary."""`, `'Summary.'`) becomes a multi-line one with the same prefix and quote character;
 * - with no docstring, the whole docstring goes right below the line that ends the signature.
 *
 * Anything unusual (a body or docstring on the `def` line, a parenthesised or implicitly concatenated docstring,
 * text after the closing quotes) is left to the user with a reason rather than guessed at.
 */
export function locateSection(request: SectionRequest): Fix {
  const { fn } = request;
  if (fn.bodyStart <= fn.headerEnd) {
    return manual(`its ${fn.docstring ? 'docstring' : 'body'} starts on the line of the \`def\``);
  }
  if (!fn.docstring) return safe({ start: fn.headerEnd + 1, deleteCount: 0, lines: [...request.paste], guard: { start: fn.defLine, end: fn.bodyStart } });
  const literal = readLiteral(request.lines, fn.docstring);
  if ('reason' in literal) return manual(literal.reason);
  if (sectionState(fn.docstring.value, request.section) === 'empty') return fillEmptyHeader(request, fn.docstring, literal);
  return literal.start === literal.end ? expandOneLine(request, literal) : insertSection(request, literal);
}

/** A docstring literal that spans whole lines and can be edited line by line. */
interface Literal {
  start: number;
  end: number;
  /** Indentation of the opening quotes. */
  indent: string;
  /** The string prefix (`r`, `u`, …) and the quote (`"""`, `'`, …). */
  prefix: string;
  quote: string;
  /** Text after the opening quotes on the first line. */
  afterOpening: string;
  /** Text before the closing quotes on the last line (the first line's, for a one-line literal). */
  beforeClosing: string;
  /** Indentation of the text lines, or the opening's when there are none. */
  textIndent: string;
}

function readLiteral(lines: readonly string[], docstring: Docstring): Literal | { reason: string } {
  const { start, end } = docstring.range;
  const { indent, opening } = docstring;
  const quote = /["']+$/.exec(opening)?.[0] ?? '"""';
  const prefix = opening.slice(0, opening.length - quote.length);
  const first = lineText(lines, start);
  const last = lineText(lines, end).trimEnd();
  const unusual = { reason: 'its docstring is not a single string literal on lines of its own (parenthesised, concatenated, or followed by code)' };
  if (!first.startsWith(indent + opening) || !last.endsWith(quote)) return unusual;
  if (start === end && last.length < indent.length + opening.length + quote.length) return unusual;
  if (quote.length === 1 && start !== end) return { reason: 'its single-quoted docstring continues over several lines' };
  const afterOpening = first.slice(indent.length + opening.length);
  const beforeClosing = (start === end ? last.slice(indent.length + opening.length) : last).slice(0, -quote.length);
  const inner = start === end ? beforeClosing : [afterOpening, ...lines.slice(start, end - 1), beforeClosing].join('\n');
  // Another quote inside means several literals, or escaped quotes: not worth the risk.
  if (inner.includes(quote)) return unusual;
  const textLines = [...range(start + 1, end - 1).map((n) => lineText(lines, n)), ...(start < end ? [beforeClosing] : [])];
  return { start, end, indent, prefix, quote, afterOpening, beforeClosing, textIndent: shallowestIndent(textLines) ?? indent };
}

function fillEmptyHeader(request: SectionRequest, docstring: Docstring, literal: Literal): Fix {
  const header = new RegExp(`^[ \\t\\f]*${escapeRegExp(request.section)}:[ \\t\\f]*$`, 'i');
  const at = range(literal.start + 1, literal.end - 1).find((n) => header.test(lineText(request.lines, n)));
  if (at === undefined) return manual(`its empty "${request.section}:" header shares a line with the docstring's quotes`);
  const next = at + 1 === literal.end ? literal.beforeClosing : lineText(request.lines, at + 1);
  const section = reindent(request.paste, docstring.indent, leadingWhitespace(lineText(request.lines, at)));
  return safe({ start: at, deleteCount: 1, lines: [...section, ...(next.trim() === '' ? [] : [''])], guard: guardOf(request, literal) });
}

/** `"""Summary."""` → `"""Summary.`, a blank line, the section, and the closing quotes on their own line. */
function expandOneLine(request: SectionRequest, literal: Literal): Fix {
  const { indent, prefix } = literal;
  const triple = (literal.quote[0] ?? '"').repeat(3);
  const summary = literal.beforeClosing.trim();
  const lines = [`${indent}${prefix}${triple}${summary}`, ...(summary === '' ? [] : ['']), ...request.paste, `${indent}${triple}`];
  return safe({ start: literal.start, deleteCount: 1, lines, guard: guardOf(request, literal) });
}

function insertSection(request: SectionRequest, literal: Literal): Fix {
  const { lines } = request;
  const section = reindent(request.paste, literal.indent, literal.textIndent);
  const textAt = (n: number) => (n === literal.end ? literal.beforeClosing : lineText(lines, n));
  const isBlank = (n: number) => (n === literal.start ? literal.afterOpening : textAt(n)).trim() === '';
  const width = indentationWidth(literal.textIndent);
  const header = range(literal.start + 1, literal.end).find((n) => {
    const text = textAt(n);
    const next = n < literal.end ? textAt(n + 1).trim() : undefined;
    return text.trim() !== '' && indentationWidth(leadingWhitespace(text)) === width && isSectionStart(text.trim(), next);
  });
  const guard = guardOf(request, literal);
  if (header !== undefined) {
    const blankBefore = isBlank(header - 1) ? [] : [''];
    return safe({ start: header, deleteCount: 0, lines: [...blankBefore, ...section, ''], guard });
  }
  if (literal.beforeClosing.trim() === '') {
    const blankBefore = isBlank(literal.end - 1) ? [] : [''];
    return safe({ start: literal.end, deleteCount: 0, lines: [...blankBefore, ...section], guard });
  }
  // The closing quotes end a text line: they move to a line of their own below the section.
  const lastText = literal.beforeClosing.trimEnd();
  return safe({ start: literal.end, deleteCount: 1, lines: [lastText, '', ...section, `${literal.indent}${literal.quote}`], guard });
}

/** The `def` line through the end of the docstring: what the placement read. */
function guardOf(request: SectionRequest, literal: Literal) {
  return { start: request.fn.defLine, end: literal.end };
}

/** Moves lines that start with `from` to start with `to` instead; blank lines stay blank. */
function reindent(lines: readonly string[], from: string, to: string): string[] {
  if (from === to) return [...lines];
  return lines.map((line) => (line !== '' && line.startsWith(from) ? to + line.slice(from.length) : line));
}

/** The indentation of the least indented non-blank line, or undefined when all are blank. */
function shallowestIndent(texts: readonly string[]): string | undefined {
  let shallowest: string | undefined;
  for (const text of texts) {
    if (text.trim() === '') continue;
    const indent = leadingWhitespace(text);
    if (shallowest === undefined || indentationWidth(indent) < indentationWidth(shallowest)) shallowest = indent;
  }
  return shallowest;
}

/** Line `n` (1-based) without its `\r`. */
function lineText(lines: readonly string[], n: number): string {
  return (lines[n - 1] ?? '').replace(/\r$/, '');
}

/** `from` through `to`, inclusive; empty when `to < from`. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safe(edit: LineEdit): Fix {
  return { applicability: 'safe', edits: [edit] };
}

function manual(reason: string): Fix {
  return { applicability: 'manual', reason };
}
