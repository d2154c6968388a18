import { findCodingCookie } from '../python/source/coding-cookie.js';
import { decodeSource } from '../python/source/decode.js';
import { sourceEncoding } from '../python/source/encodings.js';
import { decodeSingleByte, type SingleByteEncoding } from '../python/source/single-byte.js';

/** A working-tree source as text, with what it takes to write it back byte for byte. */
export interface SourceText {
  text: string;
  /** Turns edited text back into bytes, or says why it cannot. */
  encode: (text: string) => Buffer | { reason: string };
}

/**
 * Decodes a source as the check does (PEP 263: BOM, coding cookie, else UTF-8), with the matching encoder (same encoding,
 * BOM put back). Refused, so that nothing but the edited lines ever changes: encodings txboundary can decode but not write
 * (Shift JIS, GBK, …), and any file whose bytes would not come back identical.
 */
export function readSourceText(bytes: Buffer): SourceText | { reason: string } {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { reason: decoded.reason };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const cookie = findCodingCookie(bom ? bytes.subarray(3) : bytes);
  const name = sourceEncoding(cookie ?? 'utf-8')?.name ?? 'unknown';
  const encoder = ENCODERS[name];
  if (!encoder) return { reason: `it is encoded in ${name}, which --fix does not write` };
  const encode = (text: string): Buffer | { reason: string } => {
    const body = encoder(text);
    if (!body) return { reason: `the section has characters that ${name} cannot encode` };
    return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  };
  const again = encode(decoded.text);
  if (!Buffer.isBuffer(again) || !again.equals(bytes)) {
    return { reason: `its ${name} bytes would not survive a rewrite unchanged` };
  }
  return { text: decoded.text, encode };
}

type Encoder = (text: string) => Buffer | null;

const ENCODERS: Readonly<Record<string, Encoder>> = {
  'utf-8': (text) => Buffer.from(text, 'utf8'),
  ascii: singleByteEncoder('ascii'),
  'latin-1': singleByteEncoder('latin-1'),
  cp1252: singleByteEncoder('cp1252'),
};

/** The inverse of the decoding table txboundary reads these encodings with; null for a character outside it. */
function singleByteEncoder(encoding: SingleByteEncoding): Encoder {
  const byteOf = new Map<number, number>();
  for (let byte = 0; byte < 256; byte++) {
    const decoded = decodeSingleByte(Uint8Array.of(byte), encoding);
    if ('text' in decoded) byteOf.set(decoded.text.charCodeAt(0), byte);
  }
  return (text) => {
    const bytes = Buffer.alloc(text.length);
    for (let i = 0; i < text.length; i++) {
      const byte = byteOf.get(text.charCodeAt(i));
      if (byte === undefined) return null;
      bytes[i] = byte;
    }
    return bytes;
  };
}
