/** Python's single-byte codecs that txboundary decodes itself. */
export type SingleByteEncoding = 'ascii' | 'latin-1' | 'cp1252';

/**
 * cp1252 at 0x80–0x9F (-1: undefined, an error in Python's strict codec). Done here because Node 20's TextDecoder
 * decodes "windows-1252" as latin-1, and Python's latin-1 is not WHATWG's (which is cp1252 again).
 */
const CP1252_C1 = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1, -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];

const TABLES: Record<SingleByteEncoding, Int32Array> = {
  ascii: Int32Array.from({ length: 256 }, (_, byte) => (byte < 0x80 ? byte : -1)),
  'latin-1': Int32Array.from({ length: 256 }, (_, byte) => byte),
  cp1252: Int32Array.from({ length: 256 }, (_, byte) => (byte >= 0x80 && byte < 0xa0 ? (CP1252_C1[byte - 0x80] ?? -1) : byte)),
};

/**
 * Decode with a single-byte codec, or give the offset of the first byte the codec does not define. Every code point
 * here fits one UTF-16 unit, so the bytes are mapped into a UTF-16 buffer and decoded in one native call:
 * multi-megabyte files stay fast.
 */
export function decodeSingleByte(bytes: Uint8Array, encoding: SingleByteEncoding): { text: string } | { badOffset: number } {
  const codes = TABLES[encoding];
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const code = codes[bytes[i] ?? 0] ?? -1;
    if (code < 0) return { badOffset: i };
    units[i] = code;
  }
  return { text: new TextDecoder('utf-16le').decode(units) };
}
