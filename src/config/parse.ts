import { UserError } from '../errors.js';
import { locateJsonError } from './json-error.js';

/** A JSON config file's value; a syntax error becomes a UserError naming the file, line, column and what is wrong. */
export function parseJson(text: string, file: string): unknown {
  // Editors on Windows may save a byte order mark, which JSON.parse rejects.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const located = locateJsonError(body);
    const position = located ? positionOf(body, located.offset) : '';
    const reason = located?.reason ?? (error as Error).message;
    throw new UserError(`${file}${position}: invalid JSON: ${reason}`, 'fix the file at that position (JSON allows no comments and no trailing commas)');
  }
}

/** A TOML config file's value. smol-toml is loaded only now: most runs find no TOML to read. */
export async function parseToml(text: string, file: string): Promise<unknown> {
  const { parse, TomlError } = await import('smol-toml');
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's message is "Invalid TOML document: <reason>" followed by a code frame.
    const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? error.message;
    throw new UserError(`${file}:${error.line}:${error.column}: invalid TOML: ${reason}`, 'fix the file at that position');
  }
}

/** `:line:column` (both 1-based) of a 0-based offset. */
function positionOf(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `:${line}:${column}`;
}
