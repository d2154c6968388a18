import type { Parser, Tree } from 'web-tree-sitter';

/**
 * A run of comment-only lines without quotes, carried on by blank lines: no string opens or closes in it, so it lies
 * wholly inside one string or wholly outside. Every run is blanked, however short: the grammar also misreads a comment
 * line dedented below its block (`@x.deleter` / `# note` at column 0 / `def x`), which Python ignores.
 * (Lines end at `\n` only, as tree-sitter's rows do.)
 */
const COMMENT_RUN = /(?<![^\n])[ \t\f]*#[^'"\r\n]*\r?(?:\n[ \t\f]*(?:#[^'"\r\n]*)?\r?)*(?![^\n])/g;

/**
 * Works around a quadratic corner of tree-sitter-python's external scanner: at each line of a run of comment lines
 * it looks ahead over the rest of the run to decide on indentation (tree-sitter/tree-sitter-python#243, #245),
 * so 8,000 commented-out lines take ten seconds; blank lines cost nothing. Comment-only lines are therefore parsed as
 * blank lines of the same length: rows, columns and offsets stay exact, and the analysis loses nothing (a `def` line's
 * comment is never in such a run). A run found inside a string (a docstring quoting `#` lines) is put back and the
 * file parsed again.
 *
 * The tree's own text is the blanked copy: read source text through the original string, not `node.text`, for
 * anything that may span comments.
 */
export function parsePython(parser: Parser, source: string): Tree {
  // The offsets of the runs found inside strings.
  const putBack = new Set<number>();
  for (;;) {
    const blanked: number[] = [];
    const text = source.replace(COMMENT_RUN, (run, at: number) => {
      if (putBack.has(at)) return run;
      blanked.push(at);
      return run.replace(/[^\n\r]/g, ' ');
    });
    const tree = parser.parse(text);
    if (!tree) throw new Error('Internal error: tree-sitter returned no syntax tree. Please report this bug.');
    const inStrings = blanked.filter((at) => isInsideString(tree, at));
    if (inStrings.length === 0) return tree;
    tree.delete();
    for (const at of inStrings) putBack.add(at);
  }
}

/** Whether the first character of a run (at a line's start) landed inside a string literal. */
function isInsideString(tree: Tree, at: number): boolean {
  const node = tree.rootNode.descendantForIndex(at, at + 1);
  return node?.type === 'string_content' || node?.type === 'string';
}
