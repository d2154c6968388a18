import type { Node } from 'web-tree-sitter';

const COMPOUND_STATEMENTS = ['if_statement', 'for_statement', 'while_statement', 'with_statement', 'try_statement', 'match_statement'];
const CLAUSES = ['elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'case_clause'];

/**
 * Compound statements and clauses that open no Python scope: a `def` inside them still belongs to the module or class
 * around them (docs/rules.md). `decorated_definition` is only a wrapper; `ERROR` is tree-sitter's recovery node,
 * looked into so that a file with a syntax error still yields the functions that could be recovered.
 */
export const TRANSPARENT: ReadonlySet<string> = new Set(['block', ...COMPOUND_STATEMENTS, ...CLAUSES, 'decorated_definition', 'ERROR']);

/** A node met at module or class level (see `moduleStatements`). */
export interface Statement {
  node: Node;
  /** `node.type`, read once: each read is a call into WebAssembly. */
  type: string;
  /** The classes around it, outermost first; empty at module level. */
  classPath: readonly string[];
  /** The `decorated_definition` it sits in, if any. */
  decorated: Node | null;
}

/**
 * Every node at module or class level, in source order, looking through transparent blocks, never into function
 * bodies: one walk feeds every collector (`__all__`, functions, signatures). An explicit stack keeps hundreds of
 * nesting levels from exhausting the call stack.
 */
export function moduleStatements(root: Node): Statement[] {
  const statements: Statement[] = [];
  const stack: { node: Node; classPath: readonly string[]; decorated: Node | null }[] = [];
  const pushChildren = (parent: Node, classPath: readonly string[], decorated: Node | null) => {
    const children = parent.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, classPath, decorated });
  };
  pushChildren(root, [], null);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, classPath } = item;
    const type = node.type;
    statements.push({ ...item, type });
    if (TRANSPARENT.has(type)) {
      pushChildren(node, classPath, type === 'decorated_definition' ? node : null);
    } else if (type === 'class_definition') {
      const body = node.childForFieldName('body');
      // Python reads identifiers in NFKC form (PEP 3131): `ﬁnd` is `find`.
      const name = node.childForFieldName('name')?.text.normalize('NFKC') || '?';
      if (body) pushChildren(body, [...classPath, name], null);
    }
  }
  return statements;
}
