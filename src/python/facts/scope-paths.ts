import type { SyntaxNode } from '../tree/syntax-node.js';
import { countWithin } from '../source/sorted-positions.js';

/** Beyond this nesting the count stops following branches and counts every call below. */
const MAX_DEPTH = 100;

/**
 * Openings on the paths through a piece of code: `fall` for paths that carry on after it,
 * `exit` for paths that returned or raised inside it (null: no such path).
 */
interface PathCount {
  fall: number | null;
  exit: number | null;
}

/** How many openings start within a node's span. */
type OpensIn = (node: SyntaxNode | null) => number;

/**
 * The most `session_scope(…)` calls one run through a function body can reach. Alternatives do not add up:
 * the branches of an `if`/`elif`/`else` or a `match`, an `except` handler and the `try` body it replaces.
 * A branch that ends in `return` or `raise` ends its path, so the idiom
 *
 *     if session is not None:
 *         return _impl(session)
 *     with session_scope() as s:
 *         return _impl(s)
 *
 * counts one, and so does an `if`/`else` that opens a scope in each branch.
 * A loop body counts once (sites, not iterations); a nested helper counts where it is defined.
 * `openings` are the calls' start offsets in source order: counting them in a node's span needs no walk of its subtree.
 */
export function mostScopesOnOnePath(fn: SyntaxNode, openings: readonly number[]): number {
  // Paths only matter once there are two openings to put on one.
  if (openings.length < 2) return openings.length;
  const opensIn: OpensIn = (node) => (node ? countWithin(openings, node.startIndex, node.endIndex) : 0);
  return most(countBlock(fn.childForFieldName('body'), 0, opensIn));
}

function countBlock(block: SyntaxNode | null, depth: number, opensIn: OpensIn): PathCount {
  let count = falls(0);
  for (const statement of block?.namedChildren ?? []) {
    if (statement.type === 'comment') continue;
    count = sequence(count, countStatement(statement, depth + 1, opensIn));
    if (count.fall === null) break;
  }
  return count;
}

function countStatement(node: SyntaxNode, depth: number, opensIn: OpensIn): PathCount {
  if (depth > MAX_DEPTH) return falls(opensIn(node));
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
        branches.push(sequence(falls(opensIn(clause.childForFieldName('condition'))), countBlock(block, depth, opensIn)));
      }
      if (!hasElse) branches.push(falls(0));
      return sequence(falls(opensIn(node.childForFieldName('condition'))), alternatives(branches));
    }
    case 'match_statement': {
      const cases = node.childForFieldName('body')?.namedChildren.filter((child) => child.type === 'case_clause') ?? [];
      const branches = cases.map((clause) => countBlock(clause.childForFieldName('consequence'), depth, opensIn));
      return sequence(falls(opensIn(node.childForFieldName('subject'))), alternatives([...branches, falls(0)]));
    }
    case 'for_statement':
    case 'while_statement': {
      const header = falls(opensIn(node.childForFieldName(node.type === 'for_statement' ? 'right' : 'condition')));
      const loop = alternatives([countBlock(node.childForFieldName('body'), depth, opensIn), falls(0)]);
      const orElse = node.childForFieldName('alternative');
      return sequence(header, orElse ? sequence(loop, countBlock(orElse.childForFieldName('body'), depth, opensIn)) : loop);
    }
    case 'with_statement': {
      const items = node.namedChildren.find((child) => child.type === 'with_clause') ?? null;
      return sequence(falls(opensIn(items)), countBlock(node.childForFieldName('body'), depth, opensIn));
    }
    case 'try_statement':
      return countTry(node, depth, opensIn);
    case 'decorated_definition': {
      const decorators = node.namedChildren.filter((child) => child.type === 'decorator').reduce((sum, d) => sum + opensIn(d), 0);
      const definition = node.childForFieldName('definition');
      return sequence(falls(decorators), definition ? countStatement(definition, depth, opensIn) : falls(0));
    }
    case 'function_definition':
    case 'class_definition':
      return falls(most(countBlock(node.childForFieldName('body'), depth, opensIn)));
    default:
      return falls(opensIn(node));
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

function falls(openings: number): PathCount {
  return { fall: openings, exit: null };
}

function most({ fall, exit }: PathCount): number {
  return Math.max(fall ?? 0, exit ?? 0);
}

function alternatives(branches: PathCount[]): PathCount {
  return branches.reduce((a, b) => ({ fall: larger(a.fall, b.fall), exit: larger(a.exit, b.exit) }));
}

function sequence(first: PathCount, second: PathCount): PathCount {
  if (first.fall === null) return first;
  return {
    fall: second.fall === null ? null : first.fall + second.fall,
    exit: larger(first.exit, second.exit === null ? null : first.fall + second.exit),
  };
}

function larger(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
