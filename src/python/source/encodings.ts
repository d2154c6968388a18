import { decodeSingleByte, type SingleByteEncoding } from './single-byte.js';
import { firstInvalidUtf8 } from './utf8.js';

/** Decoded text, or where decoding failed (undefined when the decoder cannot tell). */
export type DecodeAttempt = { text: string } | { badOffset: number | undefined };

/** A Python source encoding txboundary can apply. */
export interface SourceEncoding {
  /** `utf-8` for every spelling of UTF-8; the normalised name otherwise. */
  name: string;
  decode(bytes: Uint8Array): DecodeAttempt;
}

/** The spellings Python accepts for each single-byte codec, once folded (see `sourceEncoding`). */
const SINGLE_BYTE: Readonly<Record<SingleByteEncoding, readonly string[]>> = {
  ascii: ['ascii', 'us-ascii', '646', 'us'],
  'latin-1': ['latin-1', 'latin1', 'latin', 'l1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', '8859', 'cp819'],
  cp1252: ['cp1252', 'windows-1252'],
};

/**
 * The encoding a coding cookie names, spelled the way Python accepts it (case, `_` and spaces do not matter;
 * `utf-8-…` and `latin-1-…` variants fold as in CPython's `get_normal_name`). Undefined when txboundary cannot
 * decode it exactly as Python does: a runtime's decoder for another codec (Shift JIS, Big5, …) differs from Python's
 * in places. Python refuses UTF-16 and UTF-32 for source files anyway.
 */
export function sourceEncoding(declared: string): SourceEncoding | undefined {
  const name = declared.toLowerCase().replace(/[_\s]/g, '-');
  if (/^(utf-?16|utf-?32|u16|u32)/.test(name)) return undefined;
  if (/^(utf-?8|u8|utf|cp65001)(-|$)/.test(name)) return { name: 'utf-8', decode: decodeUtf8 };
  const folded = /^(latin-1|iso-8859-1|iso-latin-1)-/.test(name) ? 'latin-1' : name;
  const singleByte = (Object.keys(SINGLE_BYTE) as SingleByteEncoding[]).find((encoding) => SINGLE_BYTE[encoding].includes(folded));
  return singleByte ? { name: singleByte, decode: (bytes) => decodeSingleByte(bytes, singleByte) } : undefined;
}

function decodeUtf8(bytes: Uint8Array): DecodeAttempt {
  try {
    // ignoreBOM: the caller already removed the one BOM Python removes.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { badOffset: firstInvalidUtf8(bytes) };
  }
}
