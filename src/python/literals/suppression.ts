import type { Node } from 'web-tree-sitter';
import type { SourceLines } from '../source/source-lines.js';

/** `# noqa: TXB001`, `# noqa:TXB001,TXB002`; flake8 also allows spaces between codes. */
const NOQA = /#\s*noqa\s*:\s*([a-z]+[0-9]+(?:[\s,]+[a-z]+[0-9]+)*)/gi;
const IGNORE_ALL = /#\s*txboundary\s*:\s*ignore\b/i;

/**
 * What the comment on a function's `def` line silences (docs/rules.md): the TXB codes of `# noqa: …` (upper-cased),
 * or 'all' for `# txboundary: ignore`. Other tools' codes are dropped; a bare `# noqa` (another linter's) silences nothing.
 */
export function parseSuppression(comment: string): readonly string[] | 'all' {
  if (IGNORE_ALL.test(comment)) return 'all';
  const codes = new Set<string>();
  for (const match of comment.matchAll(NOQA)) {
    for (const code of (match[1] ?? '').split(/[\s,]+/)) {
      const upper = code.toUpperCase();
      if (upper.startsWith('TXB')) codes.add(upper);
    }
  }
  return [...codes];
}

/**
 * The comment on 0-based `row` of function `fn` (its `def` line), found through the syntax tree so that a `#` in a
 * string (`def f(sep="#"):`) is not one; the first real one runs to the line's end. The lookup starts from `fn`:
 * from the root it would scan every top-level statement for each call.
 */
export function commentOnRow(fn: Node, lines: SourceLines, row: number): string | undefined {
  const text = lines.text(row);
  const lineStart = lines.offset(row);
  for (let at = text.indexOf('#'); at !== -1; at = text.indexOf('#', at + 1)) {
    const index = lineStart + at;
    if (index >= fn.endIndex) {
      // Past the function (a one-line def): only blanks can separate it from a comment.
      return text.slice(fn.endIndex - lineStart, at).trim() === '' ? text.slice(at) : undefined;
    }
    const node = fn.descendantForIndex(index);
    if (node?.type === 'comment' && node.startIndex === index) return node.text;
  }
  return undefined;
}
