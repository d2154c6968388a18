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

/** Python aliases that WHATWG's TextDecoder does not know, after normalisation. */
const PYTHON_ALIASES: Readonly<Record<string, string>> = {
  cp932: 'shift_jis',
  cp936: 'gbk',
  cp949: 'euc-kr',
  uhc: 'euc-kr',
  cp950: 'big5',
  latin9: 'iso-8859-15',
  'mac-roman': 'macintosh',
};

const SINGLE_BYTE: Readonly<Record<string, SingleByteEncoding>> = {
  ascii: 'ascii',
  'us-ascii': 'ascii',
  '646': 'ascii',
  us: 'ascii',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  latin: 'latin-1',
  l1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
  'iso-latin-1': 'latin-1',
  '8859': 'latin-1',
  cp819: 'latin-1',
  cp1252: 'cp1252',
  'windows-1252': 'cp1252',
};

/**
 * The encoding a coding cookie names, spelled the way Python accepts it
 * (case, `_` and spaces do not matter; `utf-8-…` and `latin-1-…` variants
 * fold as in CPython's `get_normal_name`), or undefined when txboundary
 * cannot decode it, including encodings such as UTF-16 that Python refuses
 * for source files.
 */
export function sourceEncoding(declared: string): SourceEncoding | undefined {
  const name = declared.toLowerCase().replace(/[_\s]/g, '-');
  if (/^(utf-?16|utf-?32|u16|u32)/.test(name)) return undefined;
  if (/^(utf-?8|u8|utf|cp65001)(-|$)/.test(name)) return { name: 'utf-8', decode: decodeUtf8 };
  const folded = /^(latin-1|iso-8859-1|iso-latin-1)-/.test(name) ? 'latin-1' : name;
  const singleByte = SINGLE_BYTE[folded];
  if (singleByte) return { name: singleByte, decode: (bytes) => decodeSingleByte(bytes, singleByte) };
  const decoder = textDecoderFor(PYTHON_ALIASES[name] ?? name);
  if (!decoder) return undefined;
  return {
    name,
    decode(bytes) {
      try {
        return { text: decoder.decode(bytes) };
      } catch {
        return { badOffset: undefined };
      }
    },
  };
}

function decodeUtf8(bytes: Uint8Array): DecodeAttempt {
  try {
    // ignoreBOM: the caller already removed the one BOM Python removes.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { badOffset: firstInvalidUtf8(bytes) };
  }
}

function textDecoderFor(label: string): InstanceType<typeof TextDecoder> | undefined {
  for (const spelling of new Set([label, label.replaceAll('-', '_'), label.replaceAll('-', '')])) {
    try {
      const decoder = new TextDecoder(spelling, { fatal: true });
      // WHATWG maps some labels to UTF-16 or to latin-1 look-alikes handled above.
      if (!decoder.encoding.startsWith('utf-16')) return decoder;
    } catch {
      // not a label this runtime knows; try the next spelling
    }
  }
  return undefined;
}
