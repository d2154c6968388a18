import type { Node } from 'web-tree-sitter';
import type { SyntaxIssue } from '../../types.js';
import { indentationWidth, type SourceLines } from '../source/source-lines.js';
import { TRANSPARENT } from './statements.js';

/**
 * What begins a logical line: statements, clauses, definitions and decorators. A header's parts (a name after `def \`,
 * a condition) only continue one, and a block's own start is its first statement's.
 */
const STARTS_LINE = /(?:_statement|_clause|_definition|^decorator)$/;

/**
 * Errors Python reports that tree-sitter's grammar lets through (its recovery is lenient where CPython's is not):
 * - `IndentationError: unindent does not match any outer indentation level`, `unexpected indent` and `TabError`
 *   (tabs and spaces mixed so that the meaning depends on the tab size), replaying CPython's tokenizer over the
 *   first line of every statement, clause and decorator;
 * - `'return' outside function`, and `'break'`/`'continue'` outside a loop;
 * - a parameter without a default after one with a default (`def f(a=1, b)`).
 *
 * A staged change that Python would refuse must not pass as verified (README, "When txboundary refuses").
 */
export function collectPythonOnlyErrors(root: Node, lines: SourceLines): SyntaxIssue[] {
  const starts = new Map<number, LineStart>();
  const misplaced: SyntaxIssue[] = [];
  // Named children only: a token (`def`, `:`) never starts a line, and each node asked about costs a call into WebAssembly.
  const visit = (node: Node, type: string, inFunction: boolean, inLoop: boolean): void => {
    // Inside tree-sitter's recovery (ERROR) which line opens a block is unknown: give every one the benefit.
    const recovering = type === 'ERROR';
    let first = true;
    for (const child of node.namedChildren) {
      const childType = child.type;
      if (childType === 'comment') continue;
      const { row, column } = child.startPosition;
      if ((recovering || childType === 'ERROR' || STARTS_LINE.test(childType)) && !starts.has(row)) {
        starts.set(row, { column, opensBlock: recovering || childType === 'ERROR' || (type === 'block' && first) });
      }
      first = false;
      if (childType === 'return_statement' && !inFunction) misplaced.push(issue(row, "'return' outside function", lines));
      if ((childType === 'break_statement' || childType === 'continue_statement') && !inLoop) {
        misplaced.push(issue(row, `'${childType.slice(0, -'_statement'.length)}' outside loop`, lines));
      }
      if (childType === 'function_definition') {
        const errorRow = defaultOrderError(child);
        if (errorRow !== null) misplaced.push(issue(errorRow, 'parameter without a default follows parameter with a default', lines));
        visit(child, childType, true, false);
      } else if (childType === 'class_definition') {
        visit(child, childType, false, false);
      } else if (TRANSPARENT.has(childType)) {
        // What else holds statements, clauses and decorators; `ERROR` too, so that the lines tree-sitter could not place still count.
        visit(child, childType, inFunction, inLoop || childType === 'for_statement' || childType === 'while_statement');
      }
    }
  };
  visit(root, root.type, false, false);
  const indentation = indentationError(
    [...starts].sort(([a], [b]) => a - b),
    lines,
  );
  return [...(indentation ? [indentation] : []), ...misplaced].sort((a, b) => a.line - b.line);
}

/** Where a statement starts on its row, and whether it opens a block (the first statement after a `:`). */
interface LineStart {
  column: number;
  opensBlock: boolean;
}

/** Parameters that end the positional ones: after them a parameter needs no default. */
const POSITIONAL_END: ReadonlySet<string> = new Set(['list_splat_pattern', 'keyword_separator', 'dictionary_splat_pattern']);
const WITH_DEFAULT: ReadonlySet<string> = new Set(['default_parameter', 'typed_default_parameter']);
const WITHOUT_DEFAULT: ReadonlySet<string> = new Set(['identifier', 'typed_parameter']);

/** `def f(a=1, b)`: the row of the first positional parameter without a default after one with a default, or null. */
function defaultOrderError(definition: Node): number | null {
  let seenDefault = false;
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    // `*args: int` and `**kw: Any` are typed parameters around a splat.
    const kind = parameter.type === 'typed_parameter' ? (parameter.firstNamedChild?.type ?? '') : parameter.type;
    if (POSITIONAL_END.has(kind)) return null;
    if (WITH_DEFAULT.has(parameter.type)) seenDefault = true;
    else if (seenDefault && WITHOUT_DEFAULT.has(parameter.type)) return parameter.startPosition.row;
  }
  return null;
}

const TAB_ERROR = 'TabError: inconsistent use of tabs and spaces in indentation';

/**
 * CPython's tokenizer: each logical line's indentation is measured with tabs to multiples of 8 (`col`) and with a tab
 * as one column (`alt`). Both must agree with the stack of open indentation levels, else TabError; a dedent must land
 * on a level of the stack, else IndentationError. A form feed resets the count.
 */
function indentationError(starts: readonly (readonly [number, LineStart])[], lines: SourceLines): SyntaxIssue | null {
  const levels = [{ col: 0, alt: 0 }];
  for (const [row, { column, opensBlock }] of starts) {
    const indent = lines.indentation(row);
    // A statement after `;` or on its clause's line (`else: x`) starts no line of its own.
    if (column !== indent.length) continue;
    const col = indentationWidth(indent);
    const alt = indent.length - indent.lastIndexOf('\f') - 1;
    let top = levels.at(-1) as { col: number; alt: number };
    if (col > top.col) {
      // Only the first statement after a `:` may be indented further (CPython's parser: `unexpected indent`).
      if (!opensBlock) return issue(row, 'IndentationError: unexpected indent', lines);
      if (alt <= top.alt) return issue(row, TAB_ERROR, lines);
      levels.push({ col, alt });
      continue;
    }
    while (levels.length > 1 && col < top.col) {
      levels.pop();
      top = levels.at(-1) as { col: number; alt: number };
    }
    if (col !== top.col) return issue(row, 'IndentationError: unindent does not match any outer indentation level', lines);
    if (alt !== top.alt) return issue(row, TAB_ERROR, lines);
  }
  return null;
}

function issue(row: number, message: string, lines: SourceLines): SyntaxIssue {
  return { range: { start: row + 1, end: row + 1 }, line: row + 1, column: lines.characterColumn(row, lines.indentation(row).length), message, exact: true };
}
