import type { Node } from 'web-tree-sitter';

/**
 * Compound statements and clauses that open no Python scope: a `def` inside
 * them still belongs to the module or class around them (docs/rules.md).
 * `decorated_definition` is only a wrapper; `ERROR` is tree-sitter's
 * recovery node, looked into so that a file with a syntax error still yields
 * the functions that could be recovered.
 */
export const TRANSPARENT: ReadonlySet<string> = new Set([
  'block',
  'if_statement',
  'elif_clause',
  'else_clause',
  'for_statement',
  'while_statement',
  'with_statement',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'match_statement',
  'case_clause',
  'decorated_definition',
  'ERROR',
]);

/**
 * Called for each node met at module (or class) level, with the classes
 * around it and its parent. The parent is handed over because asking
 * tree-sitter for `node.parent` walks down from the root again: quadratic
 * in a module with thousands of top-level functions.
 */
export type StatementVisitor = (node: Node, classPath: readonly string[], parent: Node) => void;

/**
 * Visit, in source order, every node that sits at module level (and, with
 * `intoClasses`, at class level), looking through transparent blocks.
 * Function bodies are never entered. An explicit stack instead of recursion
 * keeps hundreds of nesting levels from exhausting the call stack.
 */
export function forEachStatement(root: Node, intoClasses: boolean, visit: StatementVisitor): void {
  const stack: { node: Node; classPath: readonly string[]; parent: Node }[] = [];
  const pushChildren = (parent: Node, classPath: readonly string[]) => {
    const children = parent.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, classPath, parent });
    }
  };
  pushChildren(root, []);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, classPath, parent } = item;
    visit(node, classPath, parent);
    if (TRANSPARENT.has(node.type)) {
      pushChildren(node, classPath);
    } else if (intoClasses && node.type === 'class_definition') {
      const body = node.childForFieldName('body');
      // Python reads identifiers in NFKC form (PEP 3131): `ﬁnd` is `find`.
      const name = node.childForFieldName('name')?.text.normalize('NFKC') || '?';
      if (body) pushChildren(body, [...classPath, name]);
    }
  }
}
