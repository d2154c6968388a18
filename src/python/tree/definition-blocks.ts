import { firstAtOrAfter } from '../source/sorted-positions.js';
import { IDENTIFIER_CHAR, keepOnly, topLevelBlocks } from './top-level-blocks.js';

/** What `blocksDefining` found: no definition at all, the text to parse, or the whole file is needed. */
export type Narrowed = { kind: 'absent' } | { kind: 'partial'; text: string } | { kind: 'whole' };

/**
 * `def`, blanks or backslash continuations, then the name as written: the
 * characters up to a blank or ASCII punctuation other than `_`. Only the
 * identifier's own characters, and the odd symbol, can follow `def ` there.
 */
const DEFINITION = /(?<![\p{XID_Continue}])def[\s\\]+([^\s\x21-\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\x7E]+)/gu;

/** Past this share of the lines kept, blanking the rest saves too little to be worth it. */
const MOSTLY_KEPT = 0.8;

/**
 * The source narrowed to the top-level blocks that can define a function
 * named one of `names` (plain names: `method` for `Outer.Inner.method`,
 * whose definition sits in the block of `Outer`). Every other line is
 * emptied (see `keepOnly`): the lines and columns of the analysis stay exact
 * (offsets shift, and nothing compares them across texts).
 *
 * A definition is found by its text: `def`, blanks or backslash
 * continuations, then the name, neither touching another identifier
 * character, compared in NFKC form. Matches inside strings or comments only
 * keep a block too many. No match at all means no such function: `absent`, without a parse. When
 * the blocks cannot be told apart (see `topLevelBlocks`), or the kept blocks
 * are most of the file, the answer is `whole`.
 */
export function blocksDefining(source: string, names: Iterable<string>): Narrowed {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return { kind: 'absent' };
  const lineStarts = [0];
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const rows = new Set<number>();
  for (const match of source.matchAll(DEFINITION)) {
    if (definesOneOf(match[1] as string, wanted)) rows.add(firstAtOrAfter(lineStarts, match.index + 1) - 1);
  }
  if (rows.size === 0) return { kind: 'absent' };

  const blocks = topLevelBlocks(source);
  if (blocks === null) return { kind: 'whole' };
  const kept = blocks.map((block) => {
    for (let row = block.start; row < block.end; row++) if (rows.has(row)) return true;
    return false;
  });
  const keptCount = blocks.reduce((sum, block, i) => sum + (kept[i] ? block.end - block.start : 0), 0);
  // Every match before the first statement is in a comment.
  if (keptCount === 0) return { kind: 'absent' };
  if (keptCount >= lineStarts.length * MOSTLY_KEPT) return { kind: 'whole' };
  return { kind: 'partial', text: keepOnly(source, blocks, kept) };
}

/**
 * Whether the name written after `def` is one of `names`, which are in
 * Python's NFKC form (PEP 3131: `def ﬁnd` defines `find`), as the analysis
 * reports them. A longer identifier (`def finder` for `find`) is not.
 */
function definesOneOf(written: string, names: readonly string[]): boolean {
  const name = written.normalize('NFKC');
  return names.some((wanted) => name.startsWith(wanted) && !IDENTIFIER_CHAR.test(name.charAt(wanted.length)));
}
