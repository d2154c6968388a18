import type { AnalyzeOptions, ModuleInfo, SyntaxIssue } from '../types.js';
import type { Analyzer } from './analyze.js';
import { type Block, keepOnly, topLevelBlocks } from './top-level-blocks.js';

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
 * `topLevelBlocks`): the broken ones are set aside, each error tied to the
 * statement that holds it (`statement`), and the functions come from the
 * statements that parse cleanly. When the statements cannot be told apart
 * (an unterminated string or bracket), the errors keep no `statement`: the
 * whole file is at stake.
 */
export function analyzeWhole(
  analyze: Analyzer,
  source: string,
  options: AnalyzeOptions,
  known?: readonly Block[] | null,
): ModuleInfo {
  const module = analyze(source, options);
  if (module.syntaxErrors.length === 0) return module;
  // Cut only now: most files have no syntax error.
  const blocks = known === undefined ? topLevelBlocks(source) : known;
  if (blocks === null) return module;
  const texts = blockTexts(source, blocks);
  const issues: SyntaxIssue[] = [];
  // The scan's last block runs to the row after a final line break.
  const lineCount = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
  const broken = blocks.map((block, i) => {
    const found = analyze(texts[i] as string, { respectAll: false, needsFacts: () => false }).syntaxErrors;
    const statement = { start: block.start + 1, end: Math.min(block.end, lineCount) };
    for (const issue of found) issues.push(shifted(issue, block.start, statement));
    return found.length > 0;
  });
  // The statements join cleanly if each parses alone; should they not, every error is the whole file's.
  const clean = analyze(
    keepOnly(
      source,
      blocks,
      broken.map((isBroken) => !isBroken),
    ),
    options,
  );
  return { ...clean, syntaxErrors: [...issues, ...clean.syntaxErrors] };
}

function shifted(issue: SyntaxIssue, rows: number, statement: SyntaxIssue['statement']): SyntaxIssue {
  return {
    ...issue,
    range: { start: issue.range.start + rows, end: issue.range.end + rows },
    line: issue.line + rows,
    statement,
  };
}

/** The text of each block, from its first line through the line break of its last. */
export function blockTexts(source: string, blocks: readonly Block[]): string[] {
  const lineStarts = [0];
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  return blocks.map((block) => source.slice(lineStarts[block.start], lineStarts[block.end] ?? source.length));
}
