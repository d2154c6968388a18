import { describe, expect, it } from 'vitest';
import { readSourceText } from '../../../src/fix/source-codec.js';

function read(bytes: Buffer) {
  const source = readSourceText(bytes);
  if ('reason' in source) throw new Error(source.reason);
  return source;
}

describe('readSourceText', () => {
  it('reads UTF-8 and writes it back with its byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('def café():\r\n    pass\r\n')]);
    const source = read(bytes);
    expect(source.text).toBe('def café():\r\n    pass\r\n');
    expect(source.encode(source.text)).toEqual(bytes);
    expect(source.encode(`${source.text}# é\n`)).toEqual(Buffer.concat([bytes, Buffer.from('# é\n')]));
  });

  it('re-encodes latin-1 and cp1252 files in their own encoding', () => {
    const latin1 = Buffer.from('# -*- coding: latin-1 -*-\n"""Caf\xe9."""\n', 'latin1');
    const source = read(latin1);
    expect(source.text).toContain('Café');
    expect(source.encode(source.text.replace('Café', 'Thé'))).toEqual(Buffer.from('# -*- coding: latin-1 -*-\n"""Th\xe9."""\n', 'latin1'));
    expect(source.encode(`${source.text}# €\n`)).toEqual({ reason: expect.stringContaining('latin-1 cannot encode') });

    const cp1252 = read(Buffer.from('# coding: cp1252\nx = 1\n'));
    expect(cp1252.encode('# coding: cp1252\nx = "€"\n')).toEqual(Buffer.concat([Buffer.from('# coding: cp1252\nx = "'), Buffer.from([0x80]), Buffer.from('"\n')]));
  });

  it('refuses encodings it does not read, and undecodable files', () => {
    expect(readSourceText(Buffer.from('# coding: shift_jis\nx = 1\n'))).toEqual({ reason: expect.stringContaining('txboundary does not read') });
    expect(readSourceText(Buffer.from([0x78, 0xff, 0x0a]))).toEqual({ reason: expect.stringContaining('not valid UTF-8') });
  });
});
