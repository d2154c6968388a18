import { isModified } from '../../changes.js';
import { outgoingCalls } from '../facts/flow.js';
import type { AnalyzeOptions, ChangedLines, ModuleInfo } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { analyzeWhole, blockTexts } from './analyze-whole.js';
import { type Block, classBodyBlocks, IDENTIFIER_CHAR, keepOnly, topLevelBlocks } from '../tree/top-level-blocks.js';

/**
 * The analysis of a file's staged change, parsing only the statements that
 * the change touches, plus those that can bind a name the analysis of the
 * touched ones reads: `__all__` (what is public) and, when a modified body
 * calls out while holding a session (TXB005), the callees' names. A
 * statement is a top-level one, or, inside a touched class, one statement of
 * its body (a method with its decorators), kept with the class's head. Every
 * other line is emptied, its line break kept, so lines and columns stay
 * exact. Tree-sitter's parse of a statement does not depend on the
 * statements around it, so the functions of those statements come out as a
 * whole-file analysis gives them, and a syntax error in a statement left out
 * cannot hide them: the statements are cut where Python's own tokenizer
 * would end them (see `topLevelBlocks`).
 *
 * A syntax error in a statement the change does not touch is not looked
 * for: the hook need not report errors far from the change (README, "When
 * txboundary refuses"); range mode and the audit parse files whole. When
 * the parsed part has a syntax error, or the statements cannot be told
 * apart, or they are most of the file, the whole file is analysed (see
 * `analyzeWhole`). The result is `partial` when other lines were left out:
 * its outline then lacks names nobody asked for.
 */
export function analyzeChange(analyze: Analyzer, source: string, changes: ChangedLines, options: AnalyzeOptions): ModuleInfo {
  const blocks = topLevelBlocks(source);
  if (blocks === null) return analyzeWhole(analyze, source, options, null);
  const texts = blockTexts(source, blocks);
  const whole = () => analyzeWhole(analyze, source, options, blocks);
  const units = statementUnits(blocks, texts, changes);
  const lines = blocks.at(-1)?.end ?? 0;
  const wanted = withClassHeads(
    units,
    units.map((unit) => touched(unit, changes) || (options.respectAll && bindsOneOf(unit, ['__all__']))),
  );
  if (keptLines(units, wanted) >= MOSTLY_KEPT * lines) return whole();

  let module = analyze(keepOnly(source, units, wanted), options);
  if (module.syntaxErrors.length > 0) return whole();
  if (module.outline) {
    // The outline is read from what was parsed: add the statements that can bind the names looked up in it.
    const names = outlineNames(module, changes);
    const more = withClassHeads(
      units,
      units.map((unit, i) => (wanted[i] as boolean) || bindsOneOf(unit, names)),
    );
    if (keptLines(units, more) >= MOSTLY_KEPT * lines) return whole();
    if (more.some((keep, i) => keep !== wanted[i])) {
      module = analyze(keepOnly(source, units, more), options);
      if (module.syntaxErrors.length > 0) return whole();
    }
  }
  return { ...module, partial: true };
}

/** A statement that is parsed or left out as a whole, in the file's rows. */
interface Unit extends Block {
  text: string;
  /** For a statement of a class body: its class's head, which is kept whenever it is. */
  classHead?: Unit;
}

/** A class body's statement is parsed inside its class, never alone (it would read as top-level code). */
function withClassHeads(units: readonly Unit[], kept: boolean[]): boolean[] {
  const heads = new Set(units.filter((unit, i) => kept[i] && unit.classHead).map((unit) => unit.classHead));
  return units.map((unit, i) => (kept[i] as boolean) || heads.has(unit));
}

/**
 * The top-level statements, with each touched class cut into its head and
 * the statements of its body, when the change touches one of those (a
 * change to the head alone keeps the class whole).
 */
function statementUnits(blocks: readonly Block[], texts: readonly string[], changes: ChangedLines): Unit[] {
  return blocks.flatMap((block, i) => {
    const text = texts[i] as string;
    const whole = [topLevelUnit(block, text)];
    if (!touched(block, changes) || !isClass(block, text)) return whole;
    const members = classUnits(block, text);
    return members?.slice(1).some((unit) => touched(unit, changes)) ? members : whole;
  });
}

function topLevelUnit(block: Block, text: string): Unit {
  return { ...block, text };
}

/** The head and body statements of a class, in the file's rows; null when they cannot be told apart. */
function classUnits(block: Block, text: string): Unit[] | null {
  const members = classBodyBlocks(text);
  if (members === null) return null;
  const rows = text.split('\n');
  const units = members.map((member): Unit => {
    const unitText = rows.slice(member.start, member.end).join('\n') + (member.end < rows.length ? '\n' : '');
    return {
      start: block.start + member.start,
      // The class's text ends with a line break: the scan's last row is the next statement's first.
      end: Math.min(block.start + member.end, block.end),
      head: block.start + member.head,
      text: unitText,
    };
  });
  const [head] = units;
  for (const unit of units.slice(1)) unit.classHead = head;
  return units;
}

function isClass(block: Block, text: string): boolean {
  return /^class\b/.test(headLine(block, text));
}

/** The statement's own first line (past decorators), without its line break. */
function headLine(block: Block, text: string): string {
  let head = 0;
  for (let row = block.start; row < block.head; row++) head = text.indexOf('\n', head) + 1;
  const end = text.indexOf('\n', head);
  return text.slice(head, end === -1 ? text.length : end);
}

/**
 * Past this share of the lines kept, a partial parse saves too little to pay
 * for the scan and, when TXB005 needs more names, a second parse.
 */
const MOSTLY_KEPT = 0.5;

function keptLines(units: readonly Block[], kept: readonly boolean[]): number {
  return units.reduce((sum, unit, i) => sum + (kept[i] ? unit.end - unit.start : 0), 0);
}

/**
 * Blocks are 0-based rows `[start, end)`, changes 1-based lines: the span
 * below reaches one line past the block at each end, so that added lines
 * and deletions at either edge count too.
 */
function touched(block: Block, changes: ChangedLines): boolean {
  return isModified({ start: block.start, end: block.end + 1 }, changes);
}

/** `def name`, `async def name`, `class name` at the start of a line (after its indentation), the name complete on it. */
const DEFINITION_HEAD = /^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([\p{XID_Start}_][\p{XID_Continue}]*)(?![\p{XID_Continue}])/u;

/**
 * Whether a statement can bind one of `names` in its scope. A function or
 * class binds its own name only (what its body binds is local); any other
 * statement (an import, an assignment, an `if` or `try` around them) binds
 * it when it spells it anywhere.
 */
function bindsOneOf(unit: Unit, names: readonly string[]): boolean {
  const definition = DEFINITION_HEAD.exec(headLine(unit, unit.text));
  if (definition) return names.includes((definition[1] as string).normalize('NFKC'));
  return mentions(unit.text, names);
}

/**
 * The names the modified functions look up to follow their calls (the
 * suggestion, TXB004, TXB005): each callee's first name (`orders` of
 * `orders.create`) at module level; for `self.save` and `cls.save`, the class
 * around the method, and `save` among its methods.
 */
function outlineNames(module: ModuleInfo, changes: ChangedLines): string[] {
  const names = new Set<string>();
  for (const fn of module.functions) {
    if (!isModified(fn.span, changes)) continue;
    for (const call of [...outgoingCalls(fn.facts.flow), ...(fn.facts.session?.calls ?? [])]) {
      const [first, method] = call.callee.split('.');
      // `self.save(…)` is looked up among the methods of the class, kept statement by statement.
      if (first === 'self' || first === 'cls') {
        if (method !== undefined) names.add(method);
      } else if (first !== undefined) names.add(first);
    }
    const [owner] = fn.qualifiedName.split('.');
    if (owner !== undefined && owner !== fn.qualifiedName) names.add(owner);
  }
  return [...names];
}

/**
 * Whether `text` spells one of `names` as a whole identifier, in Python's
 * NFKC form (`ﬁnd` is `find`). Inside a string or a comment it only keeps a
 * statement too many.
 */
function mentions(text: string, names: readonly string[]): boolean {
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
