import type { Point } from 'web-tree-sitter';

/**
 * The part of web-tree-sitter's `Node` that the fact collectors read. Both a `Node` and a `CachedNode` (which asks
 * each question of WebAssembly once) fit it, so the helpers shared with the rest of the analysis take either.
 */
export interface SyntaxNode {
  /** Unique within a tree: the same node reached twice has the same id. */
  readonly id: number;
  readonly type: string;
  /** The node's text in the string that was parsed. */
  readonly text: string;
  /** UTF-16 offsets, as web-tree-sitter reports them for a parsed JavaScript string. */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly isMissing: boolean;
  readonly namedChildren: readonly SyntaxNode[];
  readonly firstNamedChild: SyntaxNode | null;
  readonly parent: SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): readonly SyntaxNode[];
}
