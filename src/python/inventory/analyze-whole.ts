import type { AnalyzeOptions, ModuleInfo, SyntaxIssue } from '../../types.js';
import type { Analyzer } from './analyze.js';
import { type Block, keepOnly, topLevelBlocks } from '../tree/top-level-blocks.js';
import { SourceLines } from '../source/source-lines.js';
import { classUnits, isClass, statementUnits, type Unit } from './statement-units.js';

/**
 * The analysis of a whole file that a syntax error cannot blind.
 *
 * Tree-sitter recovers from an error by reinterpreting what follows (after `if DEBUG` without its colon, the next `def`
 * reads as a call's arguments; a stray line between a decorator and its `def` makes a method top-level), and Python
 * refuses such a file outright: no rule may trust the recovery (README, "When txboundary refuses").
 * So each top-level statement is parsed alone (see `topLevelBlocks`), and each member of a broken class with the
 * class's head; each error is tied to the statement or member that holds it (`statement`), and the functions come
 * from the parts that parse cleanly. When the statements cannot be told apart (an unterminated string or bracket),
 * the errors keep no `statement`.
 */
export function analyzeWhole(analyze: Analyzer, source: string, options: AnalyzeOptions, known?: readonly Block[] | null): ModuleInfo {
  const module = analyze(source, options);
  if (module.syntaxErrors.length === 0) return module;
  // Cut only now: most files have no syntax error.
  const blocks = known === undefined ? topLevelBlocks(source) : known;
  if (blocks === null) return module;
  // The scan's last block runs to the row after a final line break.
  const lineCount = new SourceLines(source).count;
  const parts = statementUnits(source, blocks).flatMap((unit) => brokenParts(analyze, unit, lineCount));
  // The statements join cleanly if each parses alone; should they not, every error is the whole file's.
  const clean = analyze(
    keepOnly(
      source,
      parts.map((part) => part.rows),
      parts.map((part) => part.issues.length === 0),
    ),
    options,
  );
  return { ...clean, syntaxErrors: [...parts.flatMap((part) => part.issues), ...clean.syntaxErrors] };
}

/** A part of the file parsed on its own, in the file's rows, and the errors found in it. */
interface Part {
  rows: Block;
  issues: SyntaxIssue[];
}

const CHEAP: AnalyzeOptions = { respectAll: false, needsFacts: () => false };

/**
 * One top-level statement parsed alone. A broken class is cut further, as the staged check cuts it (`classUnits`):
 * its head with each member parsed alone, so an error in one method does not hide the others (docs/rules.md: the
 * statement "or class member" that holds a change). When every member fails with the head, the head is what is
 * broken, and the class is one broken statement.
 */
function brokenParts(analyze: Analyzer, unit: Unit, lineCount: number): Part[] {
  const found = analyze(unit.text, CHEAP).syntaxErrors;
  const whole = [{ rows: unit, issues: shifted(found, unit.start, unit, lineCount) }];
  if (found.length === 0 || !isClass(unit)) return whole;
  const units = classUnits(unit);
  if (units === null) return whole;
  // Each member is parsed with the head in the class's own text, so in the class's rows.
  const local = units.map((member) => ({ start: member.start - unit.start, end: member.end - unit.start, head: member.head - unit.start }));
  const [head, ...members] = units as [Unit, ...Unit[]];
  const parts = members.map((member, i): Part => {
    const kept = local.map((_, k) => k === 0 || k === i + 1);
    return { rows: member, issues: shifted(analyze(keepOnly(unit.text, local, kept), CHEAP).syntaxErrors, unit.start, member, lineCount) };
  });
  if (parts.every((part) => part.issues.length > 0)) return whole;
  return [{ rows: head, issues: [] }, ...parts];
}

/** Issues found in a text that starts at file row `rows`, in the file's lines, tied to `statement`. */
function shifted(issues: readonly SyntaxIssue[], rows: number, statement: Block, lineCount: number): SyntaxIssue[] {
  const lines = { start: statement.start + 1, end: Math.min(statement.end, lineCount) };
  return issues.map((issue) => ({
    ...issue,
    range: { start: issue.range.start + rows, end: issue.range.end + rows },
    line: issue.line + rows,
    statement: lines,
  }));
}
