/**
 * PEP 263's regular expression, as CPython's `tokenize.cookie_re` spells it: a comment on its own line that contains
 * `coding:` or `coding=`, e.g. `# -*- coding: latin-1 -*-` and `# vim: set fileencoding=latin-1 :`.
 */
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
/** A first line that still lets line 2 carry the cookie: blank or a comment. */
const BLANK_OR_COMMENT = /^[ \t\f]*(?:[#\r]|$)/;

/**
 * The encoding name declared on line 1 or 2 of a source (BOM already removed), or undefined.
 * Line 2 only counts when line 1 is blank or a comment, as in CPython's `tokenize.detect_encoding`.
 */
export function findCodingCookie(content: Uint8Array): string | undefined {
  const firstEnd = lineEnd(content, 0);
  const first = asciiText(content, 0, firstEnd);
  const declared = COOKIE.exec(first)?.[1];
  if (declared !== undefined || !BLANK_OR_COMMENT.test(first) || firstEnd >= content.length) return declared;
  return COOKIE.exec(asciiText(content, firstEnd + 1, lineEnd(content, firstEnd + 1)))?.[1];
}

function lineEnd(content: Uint8Array, start: number): number {
  const end = content.indexOf(0x0a, start);
  return end === -1 ? content.length : end;
}

/** One line, each byte standing for itself (the cookie is ASCII), cut at 4 KiB: no cookie hides further. */
function asciiText(content: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...content.subarray(start, Math.min(end, start + 4096)));
}
