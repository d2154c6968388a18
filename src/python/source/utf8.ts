/**
 * Offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
 * or -1 when the bytes are valid. Only called after TextDecoder rejected the input, to point at the culprit.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0) return at;
    if (length === 1) {
      at++;
      continue;
    }
    // The second byte's range depends on the lead (Table 3-7 of the Unicode standard).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let i = 1; i < length; i++) {
      const byte = bytes[at + i];
      if (byte === undefined) return at;
      const ok = i === 1 ? byte >= low && byte <= high : byte >= 0x80 && byte <= 0xbf;
      if (!ok) return i === 1 ? at : at + i;
    }
    at += length;
  }
  return -1;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}
