import { blockHash, type CleanBlocks } from '../cache/clean-blocks.js';
import { isModified } from '../check/select.js';
import type { AnalyzeOptions, ChangedLines, ModuleInfo } from '../types.js';
import type { Analyzer } from './analyze.js';
import { type Block, topLevelBlocks } from './top-level-blocks.js';

/**
 * The analysis of a changed file, parsing only the top-level statements that
 * the change touches, plus those that can bind a module-level name the
 * analysis of the touched ones reads: `__all__` (what is public) and, when a
 * modified body calls out while holding a session (TXB005), the callees'
 * names. Every other line is emptied, its line break kept, so lines and
 * columns stay exact. Tree-sitter's parse of a top-level statement does not
 * depend on the statements around it, so the functions of those statements
 * come out as a whole-file analysis gives them.
 *
 * The statements left out are still answered for: a syntax error in them
 * belongs in `errors` (SPEC §4). `clean` knows the statements that parsed
 * without error before; when one left out is not known, or the parsed part
 * has a syntax error, or the statements cannot be told apart, the whole file
 * is analysed, as a whole-file check would. The result is `partial` when
 * other lines were left out: its outline then lacks names nobody asked for.
 */
export function analyzeChange(analyze: Analyzer, source: string, changes: ChangedLines, options: AnalyzeOptions, clean: CleanBlocks): ModuleInfo {
  const blocks = topLevelBlocks(source);
  if (blocks === null) return analyze(source, options);
  const texts = blockTexts(source, blocks);
  const binds = (i: number, names: readonly string[]) => bindsOneOf(blocks[i] as Block, texts[i] as string, names);
  const wanted = blocks.map((block, i) => touched(block, changes) || (options.respectAll && binds(i, ['__all__'])));
  const whole = () => analyzeWhole(analyze, source, texts, options, clean);
  const mostly = (kept: readonly boolean[]) => keptLines(blocks, kept) >= MOSTLY_KEPT * (blocks.at(-1)?.end ?? 0);
  if (mostly(wanted)) return whole();
  if (!texts.every((text, i) => wanted[i] || clean.has(blockHash(text)))) return whole();

  let module = analyze(narrowed(source, blocks, wanted), options);
  if (module.syntaxErrors.length > 0) return whole();
  if (module.outline) {
    // The outline is read from what was parsed: add the statements that can bind the names looked up in it.
    const names = outlineNames(module, changes);
    const more = wanted.map((keep, i) => keep || binds(i, names));
    if (mostly(more)) return whole();
    if (more.some((keep, i) => keep !== wanted[i])) {
      module = analyze(narrowed(source, blocks, more), options);
      if (module.syntaxErrors.length > 0) return whole();
      more.forEach((keep, i) => {
        wanted[i] = keep;
      });
    }
  }
  texts.forEach((text, i) => {
    if (wanted[i]) clean.add(blockHash(text));
  });
  return { ...module, partial: true };
}

/**
 * Past this share of the lines kept, a partial parse saves too little to pay
 * for the scan and, when TXB005 needs more names, a second parse.
 */
const MOSTLY_KEPT = 0.5;

function keptLines(blocks: readonly Block[], kept: readonly boolean[]): number {
  return blocks.reduce((sum, block, i) => sum + (kept[i] ? block.end - block.start : 0), 0);
}

function analyzeWhole(analyze: Analyzer, source: string, texts: readonly string[], options: AnalyzeOptions, clean: CleanBlocks): ModuleInfo {
  const module = analyze(source, options);
  if (module.syntaxErrors.length === 0) for (const text of texts) clean.add(blockHash(text));
  return module;
}

/**
 * Blocks are 0-based rows `[start, end)`, changes 1-based lines: the span
 * below reaches one line past the block at each end, so that added lines
 * and deletions at either edge count too.
 */
function touched(block: Block, changes: ChangedLines): boolean {
  return isModified({ start: block.start, end: block.end + 1 }, changes);
}

function blockTexts(source: string, blocks: readonly Block[]): string[] {
  const lineStarts = [0];
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  return blocks.map((block) => source.slice(lineStarts[block.start], lineStarts[block.end] ?? source.length));
}

/** `def name`, `async def name`, `class name` at the start of a line, the name complete on it. */
const DEFINITION_HEAD = /^(?:async[ \t]+)?(?:def|class)[ \t]+([\p{XID_Start}_][\p{XID_Continue}]*)(?![\p{XID_Continue}])/u;

/**
 * Whether a top-level statement can bind one of `names` at module level. A
 * function or class binds its own name only (what its body binds is local);
 * any other statement (an import, an assignment, an `if` or `try` around
 * them) binds it when it spells it anywhere.
 */
function bindsOneOf(block: Block, text: string, names: readonly string[]): boolean {
  let head = 0;
  for (let row = block.start; row < block.head; row++) head = text.indexOf('\n', head) + 1;
  const definition = DEFINITION_HEAD.exec(text.slice(head, text.indexOf('\n', head) + 1 || text.length));
  if (definition) return names.includes((definition[1] as string).normalize('NFKC'));
  return mentions(text, names);
}

/** The source with the lines of every block not kept emptied (line breaks kept), and the lines before the first block. */
function narrowed(source: string, blocks: readonly Block[], kept: readonly boolean[]): string {
  const lines = source.split('\n');
  const keep = new Array<boolean>(lines.length).fill(false);
  blocks.forEach((block, i) => {
    if (kept[i]) for (let row = block.start; row < block.end; row++) keep[row] = true;
  });
  return lines.map((line, row) => (keep[row] ? line : line.endsWith('\r') ? '\r' : '')).join('\n');
}

/**
 * The module-level names TXB005 looks up for the modified functions: each
 * callee's first name (`orders` of `orders.create`), and the class around a
 * method, where `self.save` and `cls.save` are looked up.
 */
function outlineNames(module: ModuleInfo, changes: ChangedLines): string[] {
  const names = new Set<string>();
  for (const fn of module.functions) {
    if (!isModified(fn.span, changes)) continue;
    for (const call of fn.facts.session?.calls ?? []) {
      const [first] = call.callee.split('.');
      if (first !== undefined && first !== 'self' && first !== 'cls') names.add(first);
    }
    const [owner] = fn.qualifiedName.split('.');
    if (owner !== undefined && owner !== fn.qualifiedName) names.add(owner);
  }
  return [...names];
}

const WORD_CHAR = /[\p{XID_Continue}]/u;

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
      if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) return true;
    }
  }
  return false;
}
