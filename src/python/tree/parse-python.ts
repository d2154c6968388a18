import type { Parser, Tree } from 'web-tree-sitter';

/**
 * A run of comment-only lines without quotes, carried on by blank lines.
 * Without quote characters no string can open or close on such lines, so a
 * run lies either wholly inside one string or wholly outside all strings.
 * Every run is blanked, however short: besides the slow corner below, the
 * grammar also misreads a comment-only line dedented below the block around
 * it (`@x.deleter` / `# note` at column 0 / `def x`), which Python ignores.
 * (Lines end at `\n` only, as the rows of tree-sitter do.)
 */
const COMMENT_RUN = /(?<![^\n])[ \t\f]*#[^'"\r\n]*\r?(?:\n[ \t\f]*(?:#[^'"\r\n]*)?\r?)*(?![^\n])/g;

/**
 * Parse Python source, working around a quadratic corner of
 * tree-sitter-python's external scanner: at each line of a run of comment
 * lines it looks ahead over the whole rest of the run to decide on
 * indentation (tree-sitter/tree-sitter-python#243, #245), so 2,000 commented-
 * out lines take half a second and 8,000 take ten. Blank lines cost nothing.
 *
 * Comment-only lines are therefore parsed as blank lines of the
 * same length: rows, columns and offsets stay exact, and no information the
 * analysis uses is lost (comments on `def` lines are never in such a run;
 * spans are measured on the real text). A run that turns out to sit inside a
 * string (a docstring quoting `#` lines) is put back and the file parsed again.
 *
 * The returned tree's own text is the blanked copy: read source text through
 * the original string, not `node.text`, for anything that may span comments.
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
