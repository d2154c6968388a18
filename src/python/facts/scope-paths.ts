import type { SyntaxNode } from '../tree/syntax-node.js';
import { countWithin } from '../source/sorted-positions.js';

/** Beyond this nesting the count stops following branches and counts every call below. */
const MAX_DEPTH = 100;

/**
 * Openings on the path through a block: `fall` for paths that carry on after
 * it, `exit` for paths that returned or raised inside it (null: no such path).
 */
interface PathCount {
  fall: number | null;
  exit: number | null;
}

/**
 * The most `session_scope(…)` calls one run through a function body can
 * reach. Alternatives do not add up: the branches of an `if`/`elif`/`else`
 * or a `match`, an `except` handler and the `try` body it replaces. A branch
 * that ends in `return` or `raise` ends its path, so the idiom
 *
 *     if session is not None:
 *         return _impl(session)
 *     with session_scope() as s:
 *         return _impl(s)
 *
 * counts one, and so does an `if`/`else` that opens a scope in each branch.
 * A loop body counts once (sites, not iterations); a nested helper counts
 * where it is defined.
 *
 * `openings`: where the `session_scope(…)` calls in `fn` start, in source
 * order. The openings under a node are those that start within its span,
 * so no subtree is walked to count them.
 */
export function mostScopesOnOnePath(fn: SyntaxNode, openings: readonly number[]): number {
  const body = fn.childForFieldName('body');
  if (!body) return 0;
  const opensIn = (node: SyntaxNode | null) => (node ? countWithin(openings, node.startIndex, node.endIndex) : 0);
  const { fall, exit } = countBlock(body, 0, opensIn);
  return Math.max(fall ?? 0, exit ?? 0);
}

/** How many openings under a node (null: none). */
type OpensIn = (node: SyntaxNode | null) => number;

function countBlock(block: SyntaxNode | null, depth: number, opensIn: OpensIn): PathCount {
  let current = 0;
  let exit: number | null = null;
  for (const statement of block?.namedChildren ?? []) {
    if (statement.type === 'comment') continue;
    const count = countStatement(statement, depth + 1, opensIn);
    if (count.exit !== null) exit = Math.max(exit ?? 0, current + count.exit);
    if (count.fall === null) return { fall: null, exit };
    current += count.fall;
  }
  return { fall: current, exit };
}

function countStatement(node: SyntaxNode, depth: number, opensIn: OpensIn): PathCount {
  if (depth > MAX_DEPTH) return { fall: opensIn(node), exit: null };
  switch (node.type) {
    case 'return_statement':
    case 'raise_statement':
      return { fall: null, exit: opensIn(node) };
    case 'if_statement': {
      const branches = [countBlock(node.childForFieldName('consequence'), depth, opensIn)];
      let hasElse = false;
      for (const clause of node.childrenForFieldName('alternative')) {
        if (clause.type === 'else_clause') hasElse = true;
        const block = clause.childForFieldName(clause.type === 'else_clause' ? 'body' : 'consequence');
        branches.push(after(opensIn(clause.childForFieldName('condition')), countBlock(block, depth, opensIn)));
      }
      if (!hasElse) branches.push({ fall: 0, exit: null });
      return after(opensIn(node.childForFieldName('condition')), alternatives(branches));
    }
    case 'match_statement': {
      const cases = node.childForFieldName('body')?.namedChildren.filter((child) => child.type === 'case_clause') ?? [];
      const branches = cases.map((clause) => countBlock(clause.childForFieldName('consequence'), depth, opensIn));
      return after(opensIn(node.childForFieldName('subject')), alternatives([...branches, { fall: 0, exit: null }]));
    }
    case 'for_statement':
    case 'while_statement': {
      const header = opensIn(node.childForFieldName(node.type === 'for_statement' ? 'right' : 'condition'));
      const loop = alternatives([countBlock(node.childForFieldName('body'), depth, opensIn), { fall: 0, exit: null }]);
      const orElse = node.childForFieldName('alternative');
      return after(header, orElse ? sequence(loop, countBlock(orElse.childForFieldName('body'), depth, opensIn)) : loop);
    }
    case 'with_statement': {
      const items = node.namedChildren.find((child) => child.type === 'with_clause') ?? null;
      return after(opensIn(items), countBlock(node.childForFieldName('body'), depth, opensIn));
    }
    case 'try_statement':
      return countTry(node, depth, opensIn);
    case 'decorated_definition': {
      const decorators = node.namedChildren.filter((child) => child.type === 'decorator').reduce((sum, d) => sum + opensIn(d), 0);
      const definition = node.childForFieldName('definition');
      return after(decorators, definition ? countStatement(definition, depth, opensIn) : { fall: 0, exit: null });
    }
    case 'function_definition':
    case 'class_definition': {
      const { fall, exit } = countBlock(node.childForFieldName('body'), depth, opensIn);
      return { fall: Math.max(fall ?? 0, exit ?? 0), exit: null };
    }
    default:
      return { fall: opensIn(node), exit: null };
  }
}

/** `try` body then `else`, or one of the handlers instead; `finally` after either. */
function countTry(node: SyntaxNode, depth: number, opensIn: OpensIn): PathCount {
  const main = [countBlock(node.childForFieldName('body'), depth, opensIn)];
  const handlers: PathCount[] = [];
  let final: PathCount | null = null;
  for (const clause of node.namedChildren) {
    const block = clause.namedChildren.find((child) => child.type === 'block') ?? null;
    if (clause.type === 'else_clause') main.push(countBlock(clause.childForFieldName('body'), depth, opensIn));
    else if (clause.type === 'except_clause' || clause.type === 'except_group_clause') handlers.push(countBlock(block, depth, opensIn));
    else if (clause.type === 'finally_clause') final = countBlock(block, depth, opensIn);
  }
  const tried = alternatives([main.reduce(sequence), ...handlers]);
  return final ? sequence(tried, final) : tried;
}

function alternatives(branches: PathCount[]): PathCount {
  const falls = branches.flatMap((b) => (b.fall === null ? [] : [b.fall]));
  const exits = branches.flatMap((b) => (b.exit === null ? [] : [b.exit]));
  return { fall: falls.length > 0 ? Math.max(...falls) : null, exit: exits.length > 0 ? Math.max(...exits) : null };
}

function sequence(first: PathCount, second: PathCount): PathCount {
  if (first.fall === null) return first;
  const exits = [first.exit, second.exit === null ? null : first.fall + second.exit].filter((e): e is number => e !== null);
  return { fall: second.fall === null ? null : first.fall + second.fall, exit: exits.length > 0 ? Math.max(...exits) : null };
}

function after(openings: number, count: PathCount): PathCount {
  return {
    fall: count.fall === null ? null : openings + count.fall,
    exit: count.exit === null ? null : openings + count.exit,
  };
}
