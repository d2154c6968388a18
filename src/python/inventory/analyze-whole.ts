import type { AnalyzeOptions, ModuleInfo, SyntaxIssue } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { type Block, classBodyBlocks, keepOnly, topLevelBlocks } from '../tree/top-level-blocks.js';
import { blockTexts } from './statement-units.js';

/**
 * The analysis of a whole file that a syntax error cannot blind.
 *
 * Tree-sitter recovers from an error by reinterpreting what follows: after
 * `if DEBUG` without its colon, the next `def cancel(order, session=None):`
 * reads as the arguments of a call and the function is gone; a stray line
 * between a decorator and its `def` turns a method into a top-level
 * function. Python refuses such a file outright, so no rule may trust what
 * the recovery produced (README, "When txboundary refuses").
 *
 * So when the file has a syntax error, each top-level statement is parsed
 * on its own (a statement's parse does not depend on its neighbours, see
 * `topLevelBlocks`), and each member of a broken class with the class's
 * head: the broken ones are set aside, each error tied to the statement (or
 * member) that holds it (`statement`), and the functions come from the
 * parts that parse cleanly. When the statements cannot be told apart
 * (an unterminated string or bracket), the errors keep no `statement`: the
 * whole file is at stake.
 */
export function analyzeWhole(analyze: Analyzer, source: string, options: AnalyzeOptions, known?: readonly Block[] | null): ModuleInfo {
  const module = analyze(source, options);
  if (module.syntaxErrors.length === 0) return module;
  // Cut only now: most files have no syntax error.
  const blocks = known === undefined ? topLevelBlocks(source) : known;
  if (blocks === null) return module;
  const texts = blockTexts(source, blocks);
  // The scan's last block runs to the row after a final line break.
  const lineCount = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
  const cut = blocks.map((block, i) => brokenParts(analyze, block, texts[i] as string, lineCount));
  // The statements join cleanly if each parses alone; should they not, every error is the whole file's.
  const clean = analyze(
    keepOnly(
      source,
      cut.flatMap((parts) => parts.map((part) => part.rows)),
      cut.flatMap((parts) => parts.map((part) => part.issues.length === 0)),
    ),
    options,
  );
  return { ...clean, syntaxErrors: [...cut.flatMap((parts) => parts.flatMap((part) => part.issues)), ...clean.syntaxErrors] };
}

/** A part of the file parsed on its own, in the file's rows, and the errors found in it. */
interface Part {
  rows: Block;
  issues: SyntaxIssue[];
}

const CHEAP: AnalyzeOptions = { respectAll: false, needsFacts: () => false };

/**
 * One top-level statement parsed alone. A broken class is cut further, as
 * the staged check cuts it: its head with each member (a method with its
 * decorators, …) parsed alone, so that an error in one method does not
 * hide the others (docs/rules.md: the statement "or class member" that holds a
 * change). When every member fails with the head, the head is what is
 * broken, and the class is one broken statement.
 */
function brokenParts(analyze: Analyzer, block: Block, text: string, lineCount: number): Part[] {
  const statement = { start: block.start + 1, end: Math.min(block.end, lineCount) };
  const found = analyze(text, CHEAP).syntaxErrors;
  const whole = [{ rows: block, issues: found.map((issue) => shifted(issue, block.start, statement)) }];
  if (found.length === 0 || !/^class\b/.test(text.split('\n')[block.head - block.start] ?? '')) return whole;
  const members = classBodyBlocks(text);
  if (members === null) return whole;
  const [head, ...body] = members as [Block, ...Block[]];
  const parts = body.map((member, i): Part => {
    const rows = { start: block.start + member.start, end: Math.min(block.start + member.end, block.end), head: block.start + member.head };
    const kept = members.map((_, k) => k === 0 || k === i + 1);
    const memberStatement = { start: rows.start + 1, end: Math.min(rows.end, lineCount) };
    const issues = analyze(keepOnly(text, members, kept), CHEAP).syntaxErrors.map((issue) => shifted(issue, block.start, memberStatement));
    return { rows, issues };
  });
  if (parts.every((part) => part.issues.length > 0)) return whole;
  const headRows = { start: block.start + head.start, end: block.start + head.end, head: block.start + head.head };
  return [{ rows: headRows, issues: [] }, ...parts];
}

function shifted(issue: SyntaxIssue, rows: number, statement: SyntaxIssue['statement']): SyntaxIssue {
  return {
    ...issue,
    range: { start: issue.range.start + rows, end: issue.range.end + rows },
    line: issue.line + rows,
    statement,
  };
}
