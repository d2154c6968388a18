import { describe, expect, it } from 'vitest';
import { sectionState } from '../../../../src/python/literals/docstring.js';
import { decodeEscapes } from '../../../../src/python/literals/escapes.js';
import { readStringLiteral } from '../../../../src/python/literals/string-literal.js';

const SECTION = 'Transaction boundary';
const state = (...lines: string[]) => sectionState(lines.join('\n'), SECTION);

describe('sectionState', () => {
  it('is absent without a header line', () => {
    expect(state('Create an order.')).toBe('absent');
    expect(state('Mentions Transaction boundary: inline, not at line start.')).toBe('absent');
    expect(state('Transaction boundary - no colon')).toBe('absent');
  });

  it('is present when text follows the colon or on the next line', () => {
    expect(state('Doc.', '', '    Transaction boundary: Read-only, no transaction needed.')).toBe('present');
    expect(state('Transaction boundary:', '    Single operation, automatically atomic.')).toBe('present');
    expect(state('Doc.', '\tTRANSACTION BOUNDARY: read-only')).toBe('present');
  });

  it('is empty when nothing follows: blank next line, end of docstring, or another Word: header', () => {
    expect(state('Doc.', '', 'Transaction boundary:', '')).toBe('empty');
    expect(state('Doc.', 'Transaction boundary:   ')).toBe('empty');
    expect(state('Transaction boundary:', '    Args:', '        x: y')).toBe('empty');
    expect(state('Transaction boundary:', '\u00a0  \t')).toBe('empty');
    expect(state('Transaction boundary:', 'Transaction boundary:')).toBe('empty');
  });

  it('is present when a text line that is not a single-word header follows', () => {
    expect(state('Transaction boundary:', '    Two words:')).toBe('present');
    expect(state('Transaction boundary:', '    Args: x')).toBe('present');
  });

  it('is present if any header is non-empty', () => {
    expect(state('Transaction boundary:', '', 'Transaction boundary: Read-only.')).toBe('present');
  });

  it('uses the configured section name, case-insensitively', () => {
    expect(sectionState('Session policy: none', 'session policy')).toBe('present');
    expect(sectionState('Transaction boundary: x', 'Session policy')).toBe('absent');
  });
});

describe('decodeEscapes', () => {
  it('decodes the simple escapes', () => {
    expect(decodeEscapes('a\\nb\\tc\\\\d\\\'e\\"f')).toBe('a\nb\tc\\d\'e"f');
    expect(decodeEscapes('\\a\\b\\f\\v\\r')).toBe('\x07\b\f\v\r');
  });

  it('decodes octal, hex and unicode escapes', () => {
    expect(decodeEscapes('\\0\\101\\1234')).toBe('\0A\u00534');
    expect(decodeEscapes('\\x54\\u00e9\\U0001F600')).toBe('Té😀');
  });

  it('drops a backslash-newline (line continuation)', () => {
    expect(decodeEscapes('one \\\ntwo')).toBe('one two');
  });

  it('keeps unknown, malformed and named escapes as written', () => {
    expect(decodeEscapes('\\d\\w')).toBe('\\d\\w');
    expect(decodeEscapes('\\x4')).toBe('\\x4');
    expect(decodeEscapes('\\U00110000')).toBe('\\U00110000');
    expect(decodeEscapes('\\N{EM DASH}')).toBe('\\N{EM DASH}');
    expect(decodeEscapes('end\\')).toBe('end\\');
  });
});

describe('readStringLiteral', () => {
  it('splits prefix, quotes and value', () => {
    expect(readStringLiteral('"""doc"""')).toEqual({ kind: 'str', value: 'doc', opening: '"""' });
    expect(readStringLiteral("R'x\\d'")).toEqual({ kind: 'str', value: 'x\\d', opening: "R'" });
    expect(readStringLiteral("u''")).toEqual({ kind: 'str', value: '', opening: "u'" });
  });

  it('classifies bytes and formatted strings', () => {
    expect(readStringLiteral('b"x"')?.kind).toBe('bytes');
    expect(readStringLiteral('Rb"x"')?.kind).toBe('bytes');
    expect(readStringLiteral('F"x"')?.kind).toBe('formatted');
    expect(readStringLiteral('rf"x"')?.kind).toBe('formatted');
    expect(readStringLiteral('t"x"')?.kind).toBe('formatted');
  });

  it('normalises CRLF inside the literal before decoding escapes', () => {
    expect(readStringLiteral('"""a\r\nb\\r\\n"""')?.value).toBe('a\nb\r\n');
    expect(readStringLiteral('"""a\\\r\nb"""')?.value).toBe('ab');
  });

  it('keeps what it has of an unterminated literal', () => {
    expect(readStringLiteral('"""open')?.value).toBe('open');
    expect(readStringLiteral('plain')).toBeNull();
  });
});
