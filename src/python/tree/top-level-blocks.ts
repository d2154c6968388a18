/** A 0-based range of lines: `start` inclusive, `end` exclusive. */
export interface Block {
  start: number;
  end: number;
  /** The statement's own first line: past its decorators, the `def` or `class` line. */
  head: number;
}

/** Clauses that continue the statement above them at column 0: `else:`, `except E:`, … */
const CONTINUATION = /^(?:else|elif|except|finally)(?![\p{XID_Continue}])/u;
/** String prefixes Python accepts, in any case: raw, bytes, f-strings, t-strings (3.14). */
const PREFIXES: ReadonlySet<string> = new Set(['', 'r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf', 't', 'tr', 'rt']);
/** A character that can continue a Python identifier (PEP 3131). */
export const IDENTIFIER_CHAR = /[\p{XID_Continue}]/u;

/** Where the scanner is: code (at top level or in an f-string's `{…}`), a string, a format spec. */
type Frame = CodeFrame | StringFrame | { kind: 'spec' };
interface CodeFrame {
  kind: 'code';
  /** Open brackets. */
  depth: number;
  /** The replacement field of an f-string (`{…}`), not the module's code. */
  inField: boolean;
}
interface StringFrame {
  kind: 'string';
  quote: '"' | "'";
  triple: boolean;
  /** An f- or t-string: `{…}` holds code. */
  formatted: boolean;
}

/** The scanner's answer for one step: the next index, and what the step crossed. */
interface Step {
  next: number;
  /** A newline was escaped (in code: the next line continues this one). */
  escapedNewline?: boolean;
}

/**
 * The source with every line outside the kept blocks emptied, line breaks kept, so lines and columns stay exact.
 * Not spaces: tree-sitter-python takes half as long on 700 lines of spaces as on 700 of code, next to nothing on empty lines.
 */
export function keepOnly(source: string, blocks: readonly Block[], kept: readonly boolean[]): string {
  const lines = source.split('\n');
  const keep = new Array<boolean>(lines.length).fill(false);
  blocks.forEach((block, i) => {
    if (kept[i]) for (let row = block.start; row < block.end; row++) keep[row] = true;
  });
  return lines.map((line, row) => (keep[row] ? line : line.endsWith('\r') ? '\r' : '')).join('\n');
}

/**
 * The top-level statements of a module, as line ranges: each runs from its first line (a decorator's, if decorated)
 * to the line before the next one. `elif`/`else`/`except`/`finally` at column 0 continue the statement above;
 * comment and blank lines go with the statement before them.
 *
 *     @cached                 ← block 0 (a decorator starts it)
 *     def f():
 *         """
 *     def g(): a string at column 0, not a statement
 *         """
 *     # a comment at column 0
 *     if X:                   ← block 1
 *         pass
 *     else:
 *         pass
 *
 * A line scanner, not a parser: it follows strings (every prefix, single and triple quotes, escapes, f-strings with
 * nested quotes and `{…}` fields), brackets, comments and backslash continuations, so that only a line that begins
 * a logical line at column 0 can begin a statement. Null (the caller then parses the whole file) where Python would
 * refuse the text or the scan cannot be sure: an unterminated string or bracket, a stray closing bracket,
 * a continuation at the end, an indented first statement, a form feed in indentation, a lone carriage return,
 * a quote after a word that is not a string prefix.
 */
export function topLevelBlocks(source: string): Block[] | null {
  return statementBlocks(source, false);
}

/**
 * The statements of a class body, from one top-level class statement's text as `topLevelBlocks` cuts it: block 0 is
 * the head (decorators and the `class` line), each other one a body statement (a method with its decorators,
 * an assignment, an `if` block). Null when the body sits on the `class` line, or where the scan cannot be sure
 * (a line indented less than the body, tabs mixed with spaces).
 */
export function classBodyBlocks(classText: string): Block[] | null {
  const blocks = statementBlocks(classText, true);
  return blocks !== null && blocks.length > 1 ? blocks : null;
}

/** `topLevelBlocks`, or with `classBody` the statements of a class statement's body. */
function statementBlocks(source: string, classBody: boolean): Block[] | null {
  const starts: number[] = [];
  const heads: number[] = [];
  const top: CodeFrame = { kind: 'code', depth: 0, inField: false };
  const stack: Frame[] = [top];
  let row = 0;
  let afterDecorator = false;
  // The indentation that starts a statement; null: a class body's, until its first line sets it.
  let level: string | null = '';
  // A backslash continuation as the very end of the file: Python expects more.
  let endsContinued = false;
  for (let i = 0, lineStart = true; ; ) {
    if (lineStart && stack.length === 1 && top.depth === 0) {
      const line = readLineStart(source, i, starts.length > 0, afterDecorator, level);
      if (line === null) return null;
      if (level === null && line.statement) level = line.indent;
      if (line.startsBlock) starts.push(row);
      if ((line.startsBlock || afterDecorator) && !line.afterDecorator) heads[starts.length - 1] ??= row;
      // In a class statement, the `class` line ends the head: the next statements are the body's.
      if (classBody && level === '' && line.statement && !line.afterDecorator) level = null;
      afterDecorator = line.afterDecorator;
    }
    lineStart = false;
    // Jump to the next character that can matter where the scanner is: most characters cannot.
    const frame = stack[stack.length - 1] as Frame;
    const stops = stopsIn(frame);
    stops.lastIndex = i;
    const found = stops.exec(source);
    if (found === null) break;
    i = found.index;
    const char = source[i];
    if (char === '\n') {
      if (!newlineAllowed(stack)) return null;
      row++;
      lineStart = true;
      i++;
      continue;
    }
    if (char === '\r' && source[i + 1] !== '\n') return null;
    const step = frame.kind === 'code' ? scanCode(source, i, frame, stack) : frame.kind === 'string' ? scanString(source, i, frame, stack) : scanSpec(source, i, stack);
    if (step === null) return null;
    // An escaped newline: the next line continues this one (in code) or the string, and starts nothing.
    if (step.escapedNewline) row++;
    endsContinued = step.escapedNewline === true && frame.kind === 'code' && step.next >= source.length;
    i = step.next;
  }
  if (stack.length !== 1 || top.depth !== 0 || endsContinued) return null;
  return starts.map((start, k) => ({ start, end: starts[k + 1] ?? row + 1, head: heads[k] ?? start }));
}

/**
 * The characters that can change the scanner's state, per kind of frame. A regular expression skips the rest
 * in native code (a hook runs once, before JavaScript loops get compiled).
 */
const STOPS = {
  code: /[#\\'"()[\]{}:\n\r]/g,
  spec: /[{}'"\\\n\r]/g,
  '"': /["\\\n\r]/g,
  "'": /['\\\n\r]/g,
  'f"': /["\\\n\r{}]/g,
  "f'": /['\\\n\r{}]/g,
} as const;

function stopsIn(frame: Frame): RegExp {
  if (frame.kind !== 'string') return STOPS[frame.kind];
  if (!frame.formatted) return STOPS[frame.quote];
  return frame.quote === '"' ? STOPS['f"'] : STOPS["f'"];
}

/**
 * What a physical line that begins a logical line does to the blocks: a statement at column 0 starts one (unless
 * it continues the one above); indented, blank and comment lines do not. Null where Python would refuse it.
 */
function readLineStart(
  source: string,
  at: number,
  inBlock: boolean,
  afterDecorator: boolean,
  level: string | null,
): { startsBlock: boolean; afterDecorator: boolean; statement: boolean; indent: string } | null {
  let first = at;
  let formFeed = false;
  for (; source[first] === ' ' || source[first] === '\t' || source[first] === '\f'; first++) formFeed ||= source[first] === '\f';
  const char = source[first];
  if (char === undefined || char === '\n' || char === '#' || (char === '\r' && source[first + 1] === '\n')) {
    return { startsBlock: false, afterDecorator, statement: false, indent: '' };
  }
  // A form feed resets Python's indentation count (alone on its line it is fine); a line starting with `\` joins the next.
  if (formFeed || char === '\v' || char === '\\') return null;
  const indent = source.slice(at, first);
  // A class body's first line sets its indentation; one at column 0 is no body.
  if (level === null && indent === '') return null;
  const expected = level ?? indent;
  if (indent !== expected) {
    // Less indented, or indented another way (tabs for spaces): not something to be sure of.
    if (!indent.startsWith(expected)) return null;
    // Indented: part of the statement above. The first statement, or a definition after its decorators, cannot be.
    return inBlock && !afterDecorator ? { startsBlock: false, afterDecorator: false, statement: false, indent } : null;
  }
  const decorator = char === '@';
  if (afterDecorator) return { startsBlock: false, afterDecorator: decorator, statement: true, indent };
  if (CONTINUATION.test(source.slice(first, first + 8))) return inBlock ? { startsBlock: false, afterDecorator: false, statement: true, indent } : null;
  return { startsBlock: true, afterDecorator: decorator, statement: true, indent };
}

/** A raw newline: fine in code and triple-quoted strings, not in a single-quoted string or its fields. */
function newlineAllowed(stack: readonly Frame[]): boolean {
  for (let k = stack.length - 1; k >= 0; k--) {
    const frame = stack[k] as Frame;
    if (frame.kind === 'string') return frame.triple;
    if (frame.kind === 'spec') return false;
  }
  return true;
}

/** A backslash at `i` that escapes the line break after it, or null. */
function lineContinuation(source: string, i: number): Step | null {
  const length = source[i + 1] === '\n' ? 2 : source.startsWith('\r\n', i + 1) ? 3 : 0;
  return length === 0 ? null : { next: i + length, escapedNewline: true };
}

function scanCode(source: string, i: number, frame: CodeFrame, stack: Frame[]): Step | null {
  switch (source[i]) {
    case '#': {
      const end = source.indexOf('\n', i);
      return { next: end === -1 ? source.length : end };
    }
    case '\\':
      return lineContinuation(source, i);
    case "'":
    case '"':
      return openString(source, i, stack);
    case '(':
    case '[':
    case '{':
      frame.depth++;
      return { next: i + 1 };
    case '}':
      if (frame.inField && frame.depth === 0) {
        stack.pop(); // the end of an f-string's replacement field
        return { next: i + 1 };
      }
      frame.depth--;
      return frame.depth < 0 ? null : { next: i + 1 };
    case ')':
    case ']':
      frame.depth--;
      return frame.depth < 0 ? null : { next: i + 1 };
    case ':':
      // In an f-string's `{value:spec}`, the spec is text with `{…}` fields of its own.
      if (frame.inField && frame.depth === 0) stack.push({ kind: 'spec' });
      return { next: i + 1 };
    default:
      return { next: i + 1 };
  }
}

/** A quote in code opens a string; its prefix is the run of letters right before it. */
function openString(source: string, i: number, stack: Frame[]): Step | null {
  let prefixStart = i;
  while (prefixStart > 0 && /[A-Za-z]/.test(source[prefixStart - 1] as string)) prefixStart--;
  const prefix = source.slice(prefixStart, i).toLowerCase();
  const before = source[prefixStart - 1];
  // `x"…"`, `if"…"`: a word that is not a prefix (Python refuses most of these; leave them all to the parser).
  if (!PREFIXES.has(prefix) || (before !== undefined && IDENTIFIER_CHAR.test(before))) return null;
  const quote = source[i] as StringFrame['quote'];
  const triple = source.startsWith(quote.repeat(3), i);
  stack.push({ kind: 'string', quote, triple, formatted: /[ft]/.test(prefix) });
  return { next: i + (triple ? 3 : 1) };
}

/** One step in a string: an escape, the closing quote, an f-string's `{`, or one character. */
function scanString(source: string, i: number, frame: StringFrame, stack: Frame[]): Step | null {
  const char = source[i];
  if (char === '\\') {
    // Even in a raw string a backslash keeps the next quote, or the newline, in the string;
    // in an f-string it leaves a brace alone (`rf"\{x}"` has a field).
    if (frame.formatted && (source[i + 1] === '{' || source[i + 1] === '}')) return { next: i + 1 };
    return lineContinuation(source, i) ?? { next: i + 2 };
  }
  if (char === frame.quote && (!frame.triple || source.startsWith(frame.quote.repeat(3), i))) {
    stack.pop();
    return { next: i + (frame.triple ? 3 : 1) };
  }
  if (frame.formatted && char === '{') {
    if (source[i + 1] === '{') return { next: i + 2 };
    stack.push({ kind: 'code', depth: 0, inField: true });
    return { next: i + 1 };
  }
  if (frame.formatted && char === '}') return source[i + 1] === '}' ? { next: i + 2 } : null;
  return { next: i + 1 };
}

/** One step in a format spec: a nested field, the `}` that ends the field, or one character. */
function scanSpec(source: string, i: number, stack: Frame[]): Step | null {
  const char = source[i];
  if (char === '{') {
    stack.push({ kind: 'code', depth: 0, inField: true });
    return { next: i + 1 };
  }
  if (char === '}') {
    stack.pop(); // the spec
    stack.pop(); // the field it belongs to
    return { next: i + 1 };
  }
  // Quotes and backslashes in a spec are rare enough to leave to the parser.
  return char === "'" || char === '"' || char === '\\' ? null : { next: i + 1 };
}
