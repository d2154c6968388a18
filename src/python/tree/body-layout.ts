import type { Node } from 'web-tree-sitter';
import type { SourceLines } from '../source/source-lines.js';

/** Where a function's body sits in the source. */
export interface BodyLayout {
  /** The body's first statement (not a comment), if it has one. */
  first: Node | undefined;
  /** Indentation of the first statement: what a new docstring must use. */
  indent: string;
  /** 1-based last line of the body (see `bodyLayout`). */
  lastLine: number;
}

/**
 * The body of a `function_definition` node. Its last line is the last statement's last token, as Python's `end_lineno`
 * counts it (docs/rules.md: "through the last body line"), not the trailing comments tree-sitter attaches to the block.
 * A one-line `def f(): pass` has no body indentation: a docstring would need the `def` line's plus one level
 * (a tab if it is indented with tabs, else four spaces).
 */
export function bodyLayout(fn: Node, lines: SourceLines): BodyLayout {
  const defRow = fn.startPosition.row;
  const body = fn.childForFieldName('body');
  // Only the first and last statements matter: a body's other nodes are not asked their type.
  const children = body ? body.namedChildren : [];
  const first = children.find(isStatement);
  const last = children.findLast(isStatement);
  let indent: string;
  if (first && first.startPosition.row > defRow) {
    indent = lines.text(first.startPosition.row).slice(0, first.startPosition.column);
    if (!/^[ \t\f]*$/.test(indent)) indent = lines.indentation(first.startPosition.row);
  } else {
    const defIndent = lines.indentation(defRow);
    indent = defIndent + (defIndent.includes('\t') ? '\t' : '    ');
  }
  return { first, indent, lastLine: lastCodeRow(last ?? fn) + 1 };
}

function isStatement(node: Node): boolean {
  return node.type !== 'comment';
}

/**
 * The 0-based row of the last real token of `node`: tree-sitter may end a block with the comments that follow it,
 * and a recovered tree with a zero-width MISSING token.
 */
function lastCodeRow(node: Node): number {
  let current = node;
  for (;;) {
    const last = current.children.findLast((child) => child.type !== 'comment' && child.endIndex > child.startIndex);
    if (!last) return current.endPosition.row;
    current = last;
  }
}
