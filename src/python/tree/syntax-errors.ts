import type { Node } from 'web-tree-sitter';
import type { SyntaxIssue } from '../../types.js';
import type { SourceLines } from '../source/source-lines.js';

/**
 * The places where tree-sitter had to recover: ERROR nodes (tokens it could not fit) and MISSING nodes (tokens it had
 * to invent, e.g. a closing `)`). Only subtrees flagged `hasError` are entered, so a clean file costs one check.
 * Overlapping or adjacent issues are merged into one, keeping the first position and message.
 */
export function collectSyntaxErrors(root: Node, lines: SourceLines): SyntaxIssue[] {
  if (!root.hasError) return [];
  const found: SyntaxIssue[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.isError || node.isMissing) {
      found.push(issueAt(node, lines));
      continue; // an ERROR's inner problems are part of the same report
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child?.hasError) stack.push(child);
    }
  }
  return mergeIssues(found);
}

function issueAt(node: Node, lines: SourceLines): SyntaxIssue {
  const { row, column } = node.startPosition;
  const end = node.endPosition;
  const lastRow = end.column === 0 && end.row > row ? end.row - 1 : end.row;
  return {
    range: { start: row + 1, end: lastRow + 1 },
    line: row + 1,
    column: lines.characterColumn(row, column),
    message: node.isMissing ? missingMessage(node) : 'invalid syntax',
  };
}

/** `missing `)``, `missing identifier`: what the parser expected to see. */
function missingMessage(node: Node): string {
  return node.isNamed ? `missing ${node.type.replaceAll('_', ' ')}` : `missing \`${node.type}\``;
}

function mergeIssues(issues: SyntaxIssue[]): SyntaxIssue[] {
  const sorted = [...issues].sort((a, b) => a.range.start - b.range.start || a.column - b.column);
  const merged: SyntaxIssue[] = [];
  for (const issue of sorted) {
    const previous = merged.at(-1);
    if (previous && issue.range.start <= previous.range.end + 1) {
      previous.range.end = Math.max(previous.range.end, issue.range.end);
    } else {
      merged.push({ ...issue, range: { ...issue.range } });
    }
  }
  return merged;
}
