import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../src/config/json-error.js';
import { parseJson, parseToml } from '../../../src/config/parse.js';
import { UserError } from '../../../src/errors.js';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

async function asyncMessageOf(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => new Error('expected a UserError'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

describe('locateJsonError', () => {
  it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}}', ' \n{ "a" : 1 }\n', '"just a string"'])('finds nothing wrong in valid JSON: %s', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(locateJsonError(text)).toBeNull();
  });

  it.each([
    ['{"a": 1,}', 7, 'trailing comma before "}"'],
    ['["a",\n  ]', 4, 'trailing comma before "]"'],
    ['{\n  // note\n  "a": 1\n}', 4, 'comments are not allowed in JSON'],
    ['{"a": 1 /* x */}', 8, 'comments are not allowed in JSON'],
    ["{'a': 1}", 1, 'strings must use double quotes'],
    ['{a: 1}', 1, 'property names must be in double quotes'],
    ['{"a": 1 "b": 2}', 8, 'unexpected "\\"", expected "," or "}"'],
    ['{"a":}', 5, 'unexpected "}", expected a value'],
    ['{"a": 1', 7, 'unexpected end of file, expected "," or "}"'],
    ['', 0, 'unexpected end of file, expected a value'],
    ['{"a": "x\n"}', 8, 'line break inside a string (write \\n)'],
    ['{"a": "x', 6, 'unterminated string'],
    ['{"a": "\\q"}', 7, 'invalid escape "\\q"'],
    ['{"a": "\\u12"}', 7, '"\\u" must be followed by four hex digits'],
    ['{"a": 01}', 7, 'unexpected "1", expected "," or "}"'],
    ['{"a": -}', 6, 'invalid number'],
    ['{"a": NaN}', 6, 'unexpected "N", expected a value'],
    ['{} {}', 3, 'unexpected "{", expected the end of the file after the value'],
    ['{"a" 1}', 5, 'unexpected "1", expected ":"'],
  ])('%j: offset %i, %s', (text, offset, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual({ offset, reason });
  });
});

describe('parseJson', () => {
  it('parses, ignoring a byte order mark', () => {
    expect(parseJson('\uFEFF{"section": "Tx"}', 'x.json')).toEqual({ section: 'Tx' });
  });

  it('names the file, line and column and the reason', () => {
    expect(messageOf(() => parseJson('{\n  "include": ["**/*.py"],\n}\n', '.txboundaryrc.json'))).toBe('.txboundaryrc.json:2:25: invalid JSON: trailing comma before "}"');
    expect(messageOf(() => parseJson('', 'package.json'))).toBe('package.json:1:1: invalid JSON: unexpected end of file, expected a value');
  });

  it('hints at what JSON does not allow', () => {
    try {
      parseJson('{,}', 'a.json');
    } catch (error) {
      expect((error as UserError).hint).toMatch(/no comments and no trailing commas/);
    }
  });
});

describe('parseToml', () => {
  it('parses TOML', async () => {
    expect(await parseToml('[tool.txboundary]\nrespect_all = false\n', 'pyproject.toml')).toEqual({
      tool: { txboundary: { respect_all: false } },
    });
  });

  it('names the file, line and column and the parser reason', async () => {
    const message = await asyncMessageOf(() => parseToml('[tool.txboundary]\nsection = "Tx\n', 'pyproject.toml'));
    expect(message).toMatch(/^pyproject\.toml:2:\d+: invalid TOML: \S/);
    expect(message).not.toContain('\n');
  });
});
