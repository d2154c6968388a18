import { findCodingCookie } from './coding-cookie.js';
import { sourceEncoding } from './encodings.js';

/** A decoded source, or why it cannot be read as Python source. */
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string; line: number };

/**
 * A `.py` blob's text, read as Python reads source (PEP 263): a UTF-8 byte order mark is dropped, a coding cookie on
 * line 1 or 2 picks the encoding, and otherwise the file must be strict UTF-8. Nothing is thrown: a failure comes back
 * as a reason that says what to do (shown after the file name) and the line of the first offending byte (Python
 * reports each of these as a SyntaxError there).
 */
export function decodeSource(bytes: Uint8Array): DecodeResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('UTF-16 encoded; Python source must be UTF-8 (or another ASCII-compatible encoding)', 1);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail('contains NUL bytes (binary file named .py?)', lineAt(bytes, nul));
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const content = bytes.subarray(bom);
  const cookie = findCodingCookie(content);
  const encoding = sourceEncoding(cookie ?? 'utf-8');
  if (!encoding) {
    return fail(`declares \`coding: ${cookie}\`, an encoding txboundary does not read (it reads UTF-8, ASCII, Latin-1 and cp1252); re-encode the file as UTF-8`, 1);
  }
  if (bom && encoding.name !== 'utf-8') {
    return fail(`starts with a UTF-8 byte order mark but declares \`coding: ${cookie}\`; remove one of them`, 1);
  }
  const attempt = encoding.decode(content);
  if ('text' in attempt) return { ok: true, text: attempt.text };
  const where = attempt.badOffset === undefined ? '' : ` (${describeByte(content, attempt.badOffset, bom)})`;
  const line = attempt.badOffset === undefined ? 1 : lineAt(content, attempt.badOffset);
  if (cookie === undefined) return fail(`not valid UTF-8${where}; add a coding cookie or re-encode the file`, line);
  return fail(`not valid ${cookie} as its coding cookie declares${where}; fix the cookie or re-encode the file`, line);
}

/** `byte 0xff at offset 1234, line 5`: enough to find it in an editor or a hex dump. */
function describeByte(content: Uint8Array, offset: number, base: number): string {
  const value = (content[offset] ?? 0).toString(16).padStart(2, '0');
  return `byte 0x${value} at offset ${offset + base}, line ${lineAt(content, offset)}`;
}

/** The 1-based line holding a byte, counting `\n` as git does. */
function lineAt(content: Uint8Array, offset: number): number {
  let line = 1;
  for (let at = content.indexOf(0x0a); at !== -1 && at < offset; at = content.indexOf(0x0a, at + 1)) line++;
  return line;
}

function fail(reason: string, line: number): DecodeResult {
  return { ok: false, reason, line };
}
