/** Where a JSON text stops being JSON (0-based, the text's length at its end), and why, in words a person can act on. */
export class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * The first syntax error in `text` (RFC 8259), or null. Called after `JSON.parse` failed: Node 20's messages do not always
 * carry a position ("Unexpected token '}', ... is not valid JSON") and never a line, nor name the usual culprits,
 * comments and trailing commas.
 */
export function locateJsonError(text: string): JsonSyntaxError | null {
  let at = 0;

  const stop = (reason: string, offset = at): never => {
    throw new JsonSyntaxError(offset, reason);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const unexpected = (expected: string): never => {
    if (at >= text.length) return stop(`unexpected end of file, expected ${expected}`);
    const char = text.charAt(at);
    if (char === '/' && (text[at + 1] === '/' || text[at + 1] === '*')) return stop('comments are not allowed in JSON');
    if (char === "'") return stop('strings must use double quotes');
    return stop(`unexpected ${JSON.stringify(char)}, expected ${expected}`);
  };

  const string = () => {
    const start = at++;
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\n' || char === '\r') stop('line break inside a string (write \\n)');
      if (char < ' ') stop('unescaped control character inside a string');
      if (char === '\\') {
        const escaped = text.charAt(at + 1);
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) stop('"\\u" must be followed by four hex digits');
          at += 6;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') {
          at += 2;
        } else {
          stop(`invalid escape "\\${escaped}"`);
        }
      } else {
        at++;
      }
    }
    stop('unterminated string', start);
  };

  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) stop('invalid number');
    at += match?.[0].length ?? 0;
  };

  /** An object or array: entries separated by commas until `close`, naming a trailing comma. */
  const container = (close: string, entry: () => void) => {
    at++;
    skipSpace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      entry();
      skipSpace();
      if (text[at] === close) {
        at++;
        return;
      }
      if (text[at] !== ',') unexpected(`"," or "${close}"`);
      const comma = at++;
      skipSpace();
      if (text[at] === close) stop(`trailing comma before "${close}"`, comma);
    }
  };

  const member = () => {
    if (text[at] !== '"') {
      if (/[A-Za-z_$]/.test(text.charAt(at))) stop('property names must be in double quotes');
      unexpected('a property name in double quotes');
    }
    string();
    skipSpace();
    if (text[at] !== ':') unexpected('":"');
    at++;
    value();
  };

  const value = (): void => {
    skipSpace();
    const char = text.charAt(at);
    if (char === '{') {
      container('}', member);
    } else if (char === '[') {
      container(']', value);
    } else if (char === '"') {
      string();
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      number();
    } else {
      const word = /^(?:true|false|null)/.exec(text.slice(at));
      if (!word) unexpected('a value');
      at += word?.[0].length ?? 0;
    }
  };

  try {
    value();
    skipSpace();
    if (at < text.length) unexpected('the end of the file after the value');
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
}
