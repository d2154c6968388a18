import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../../../src/python/source/decode.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

describe('decodeSource', () => {
  it('decodes UTF-8 and drops a byte order mark', () => {
    expect(decodeSource(utf8('x = "ñ"\n'))).toEqual({ ok: true, text: 'x = "ñ"\n' });
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], 'x = 1\n'))).toEqual({ ok: true, text: 'x = 1\n' });
    expect(decodeSource(new Uint8Array())).toEqual({ ok: true, text: '' });
  });

  it('points at the first invalid UTF-8 byte', () => {
    const result = decodeSource(bytes('x = 1\ny = "', [0xff], '"\n'));
    expect(result).toEqual({
      ok: false,
      reason: 'not valid UTF-8 (byte 0xff at offset 11, line 2); add a coding cookie or re-encode the file',
      line: 2,
    });
    const truncated = decodeSource(bytes([0xef, 0xbb, 0xbf], 'a', [0xe2, 0x82]));
    expect(truncated.ok === false && truncated.reason).toContain('byte 0xe2 at offset 4, line 1');
    const overlong = decodeSource(bytes('ab', [0xc0, 0x80]));
    expect(overlong.ok === false && overlong.reason).toContain('byte 0xc0 at offset 2');
  });

  it('rejects NUL bytes and UTF-16', () => {
    expect(decodeSource(bytes('x = 1\ny = 2', [0], '\n'))).toEqual({
      ok: false,
      reason: 'contains NUL bytes (binary file named .py?)',
      line: 2,
    });
    const utf16 = decodeSource(bytes([0xff, 0xfe], [0x78, 0]));
    expect(utf16.ok === false && utf16.reason).toMatch(/UTF-16/);
  });

  it('honours a coding cookie on line 1, or on line 2 after a comment or blank line', () => {
    expect(decodeSource(bytes('# -*- coding: latin-1 -*-\nx = "', [0xe9, 0x80], '"\n'))).toEqual({
      ok: true,
      text: '# -*- coding: latin-1 -*-\nx = "é\u0080"\n',
    });
    const vim = decodeSource(bytes('#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = "', [0x80], '"\n'));
    expect(vim.ok && vim.text).toContain('x = "€"');
    const undefinedByte = decodeSource(bytes('# coding: cp1252\nx = "', [0x81], '"\n'));
    expect(undefinedByte.ok === false && undefinedByte.reason).toMatch(/byte 0x81 at offset 22, line 2/);
    const blankFirst = decodeSource(bytes('\n# coding=latin-1\nx = "', [0xe9], '"\n'));
    expect(blankFirst.ok && blankFirst.text).toContain('x = "é"');
  });

  it('ignores a cookie that is not a comment or comes after code', () => {
    const afterCode = decodeSource(bytes('x = 1\n# coding: latin-1\ny = "', [0xe9], '"\n'));
    expect(afterCode.ok).toBe(false);
    const third = decodeSource(bytes('#\n#\n# coding: latin-1\ny = "', [0xe9], '"\n'));
    expect(third.ok).toBe(false);
  });

  it.each(['shift_jis', 'cp932', 'cp850', 'cp437', 'mac-cyrillic', 'iso-8859-15', 'iso-8859-16', 'big5hkscs', 'johab', 'koi8-r'])(
    'refuses %s: only encodings it decodes exactly as Python does are read',
    (encoding) => {
      const result = decodeSource(bytes(`# -*- coding: ${encoding} -*-\nx = "`, [0x82], '"\n'));
      expect(result).toEqual({ ok: false, line: 1, reason: expect.stringContaining(`declares \`coding: ${encoding}\`, an encoding txboundary does not read`) });
    },
  );

  it('accepts utf-8 spellings in a cookie and still checks the bytes', () => {
    expect(decodeSource(utf8('# coding: UTF_8\nx = "ñ"\n')).ok).toBe(true);
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], '# coding: utf-8\n')).ok).toBe(true);
    const bad = decodeSource(bytes('# coding: utf8\n', [0xff]));
    expect(bad.ok === false && bad.reason).toMatch(/not valid utf8 as its coding cookie declares \(byte 0xff at offset 15, line 2\); fix/);
  });

  it('explains an unknown encoding, an ASCII violation and a BOM/cookie conflict', () => {
    const unknown = decodeSource(utf8('# coding: klingon\n'));
    expect(unknown.ok === false && unknown.reason).toBe('declares `coding: klingon`, an encoding txboundary does not read (it reads UTF-8, ASCII, Latin-1 and cp1252); re-encode the file as UTF-8');
    const ascii = decodeSource(bytes('# coding: ascii\nx = "', [0xe9], '"\n'));
    expect(ascii.ok === false && ascii.reason).toBe('not valid ascii as its coding cookie declares (byte 0xe9 at offset 21, line 2); fix the cookie or re-encode the file');
    const conflict = decodeSource(bytes([0xef, 0xbb, 0xbf], '# coding: latin-1\n'));
    expect(conflict.ok === false && conflict.reason).toMatch(/byte order mark but declares `coding: latin-1`/);
    const utf16Cookie = decodeSource(utf8('# coding: utf-16\n'));
    expect(utf16Cookie.ok).toBe(false);
    // A name that is also a property of every JavaScript object is an encoding like any other.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const result = decodeSource(utf8(`# coding: ${name}\n`));
      expect(result.ok === false && result.reason).toMatch(/an encoding txboundary does not read/);
    }
  });

  it('decodes multi-megabyte files', () => {
    const big = utf8(`x = "ñ"  # ${'a'.repeat(60)}\n`.repeat(100_000));
    const latin = new Uint8Array(2_000_000).fill(0xe9);
    latin.set(utf8('# coding: latin-1\n'));
    expect(decodeSource(big).ok).toBe(true);
    const decoded = decodeSource(latin);
    expect(decoded.ok && decoded.text.length).toBe(2_000_000);
  });
});
