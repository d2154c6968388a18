import { isModified } from '../../changes.js';
import type { AnalyzeOptions, ChangedLines, ModuleInfo } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { SourceLines } from '../source/source-lines.js';
import { type Block, classBodyBlocks, IDENTIFIER_CHAR, keepOnly } from '../tree/top-level-blocks.js';

/** A statement that is parsed or left out as a whole, in the file's rows. */
export interface Unit extends Block {
  text: string;
  /** For a statement of a class body: its class's head, which is kept whenever it is. */
  classHead?: Unit;
}

/**
 * The top-level statements (see `topLevelBlocks`) with their text. A class whose body `changes` touch is cut, where
 * possible, into its head and its body's statements (a method with its decorators, an assignment).
 * A change to the head alone keeps the class whole.
 */
export function statementUnits(source: string, blocks: readonly Block[], changes?: ChangedLines): Unit[] {
  return blockTexts(source, blocks).flatMap((text, i) => {
    const unit = { ...(blocks[i] as Block), text };
    if (!changes || !touched(unit, changes) || !isClass(unit)) return [unit];
    const members = classUnits(unit);
    return members?.slice(1).some((member) => touched(member, changes)) ? members : [unit];
  });
}

/**
 * The analysis of the kept statements alone (`keepOnly`); a kept class member brings its class's head.
 * Null when the whole file should be parsed instead: the kept statements are most of it, or do not parse alone.
 */
export function analyzeKept(analyze: Analyzer, source: string, units: readonly Unit[], kept: readonly boolean[], options: AnalyzeOptions): ModuleInfo | null {
  const heads = new Set(units.filter((unit, i) => kept[i] && unit.classHead).map((unit) => unit.classHead));
  const withHeads = units.map((unit, i) => (kept[i] as boolean) || heads.has(unit));
  const keptLines = units.reduce((sum, unit, i) => sum + (withHeads[i] ? unit.end - unit.start : 0), 0);
  if (keptLines >= MOSTLY_KEPT * (units.at(-1)?.end ?? 0)) return null;
  const module = analyze(keepOnly(source, units, withHeads), options);
  return module.syntaxErrors.length > 0 ? null : module;
}

/**
 * Past this share of the lines kept, a partial parse saves too little to pay
 * for the scan and, when the rules need more names, a second parse.
 */
const MOSTLY_KEPT = 0.5;

/** Blocks are 0-based rows, changes 1-based lines: the span reaches one line past each end, so changes at either edge count. */
export function touched(block: Block, changes: ChangedLines): boolean {
  return isModified({ start: block.start, end: block.end + 1 }, changes);
}

/** `def name`, `async def name`, `class name` at the start of a line (after its indentation), the name complete on it. */
const DEFINITION_HEAD = /^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([\p{XID_Start}_][\p{XID_Continue}]*)(?![\p{XID_Continue}])/u;

/**
 * Whether a statement can bind one of `names` in its scope. A function or class binds its own name only (what its
 * body binds is local); any other statement (an import, an assignment, an `if` or `try` around them) binds any name
 * it spells.
 */
export function bindsOneOf(unit: Unit, names: readonly string[]): boolean {
  const definition = DEFINITION_HEAD.exec(headLine(unit));
  if (definition) return names.includes((definition[1] as string).normalize('NFKC'));
  return mentions(unit.text, names);
}

/**
 * Whether `text` spells one of `names` as a whole identifier, in Python's NFKC form (`ﬁnd` is `find`).
 * One in a string or comment keeps a statement too many.
 */
export function mentions(text: string, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is everything below U+0080
  const normal = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKC') : text;
  for (const name of names) {
    for (let at = normal.indexOf(name); at !== -1; at = normal.indexOf(name, at + 1)) {
      const before = normal[at - 1];
      const after = normal[at + name.length];
      if ((before === undefined || !IDENTIFIER_CHAR.test(before)) && (after === undefined || !IDENTIFIER_CHAR.test(after))) return true;
    }
  }
  return false;
}

/** The head and body statements of a class, in the file's rows; null when they cannot be told apart. */
export function classUnits(block: Unit): Unit[] | null {
  const members = classBodyBlocks(block.text);
  if (members === null) return null;
  const texts = blockTexts(block.text, members);
  const [head, ...body] = members.map(
    (member, i): Unit => ({
      start: block.start + member.start,
      // The class's text ends with a line break: the scan's last row is the next statement's first.
      end: Math.min(block.start + member.end, block.end),
      head: block.start + member.head,
      text: texts[i] as string,
    }),
  );
  return [head as Unit, ...body.map((unit) => ({ ...unit, classHead: head }))];
}

export function isClass(unit: Unit): boolean {
  return /^class\b/.test(headLine(unit));
}

/** The statement's own first line (past decorators), without its line break. */
function headLine(unit: Unit): string {
  return unit.text.split('\n', unit.head - unit.start + 1).at(-1) ?? '';
}

/** The text of each block, from its first line through the line break of its last. */
function blockTexts(source: string, blocks: readonly Block[]): string[] {
  const lines = new SourceLines(source);
  return blocks.map((block) => source.slice(lines.offset(block.start), lines.offset(block.end)));
}
