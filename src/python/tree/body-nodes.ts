import type { Node } from 'web-tree-sitter';
import { type CachedNode, NodeCache } from './cached-node.js';
import { CodeText } from './code-text.js';
import type { SyntaxNode } from './syntax-node.js';

/** Where names are bound (both collectors), besides imports. */
const BINDINGS = ['function_definition', 'lambda', 'class_definition', 'assignment', 'augmented_assignment', 'with_item', 'for_statement', 'for_in_clause', 'named_expression', 'as_pattern'];
/** Where the session held can change (session facts). */
const BRANCHES = ['with_statement', 'if_statement', 'conditional_expression'];
/** Where a call repeats (the flow). */
const COMPREHENSIONS = ['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'];

/**
 * The node types the fact collectors look at. A function body has ten to twenty times as many nodes of other types;
 * they are walked past inside WebAssembly instead of being handed to JavaScript one by one.
 */
const TYPES = ['call', 'comment', ...BINDINGS, 'import_statement', 'import_from_statement', ...BRANCHES, ...COMPREHENSIONS];

export interface TypedNode {
  node: SyntaxNode;
  type: string;
}

/** One function's nodes of interest, found in a single pass. */
export interface BodyNodes {
  /** The function itself. */
  root: SyntaxNode;
  /** Every `call`, in source order; a call that is the callee of another comes after it. */
  calls: SyntaxNode[];
  /** The other nodes of `TYPES` but comments, the function itself first, in source order. */
  others: TypedNode[];
  /** The function's code without comments. */
  code: CodeText;
}

/**
 * Nested helpers included, with one `descendantsOfType` call: it walks the subtree in WebAssembly and returns a parent
 * before its descendants. (A tree-sitter Query is about 20% slower here, and would need web-tree-sitter loaded before
 * the analyzer.) The nodes come back cached (`CachedNode`).
 */
export function findBodyNodes(fn: Node, source: string): BodyNodes {
  const cache = new NodeCache();
  const calls: CachedNode[] = [];
  const comments: Node[] = [];
  const others: TypedNode[] = [];
  for (const found of fn.descendantsOfType(TYPES)) {
    const type = found.type;
    if (type === 'comment') {
      comments.push(found);
      continue;
    }
    const node = cache.wrap(found, type);
    if (type === 'call') calls.push(node);
    else others.push({ node, type });
  }
  return { root: cache.wrap(fn), calls, others, code: new CodeText(source, comments) };
}
