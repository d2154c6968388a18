import { sectionState } from '../python/literals/docstring.js';
import { readDocumentedPattern } from '../effects/documented-pattern.js';
import type { Effect, EffectAnalysis } from '../effects/evaluate.js';
import { type Classification, classify } from '../suggest/classify.js';
import { PATTERN_NAMES } from '../suggest/pattern-names.js';
import { renderDocstring, renderSection } from '../suggest/template.js';
import type { FunctionInfo, LineRange, ModuleInfo, Pattern, SectionState, SyntaxIssue } from '../types.js';
import type { Modules } from '../resolve/resolve-callee.js';
import { type BodyRuleOptions, checkBody } from './body-rules.js';
import { atFunction, type Diagnostic, type FileError, frameLines, type Severity } from './diagnostic.js';
import { locateSection } from './locate-section.js';
import { isSuppressed, severityOf } from '../rules.js';
import { type Changes, overlaps, touches, WHOLE_FILE } from '../changes.js';
import { selectChecked } from './select.js';

export interface CheckOptions extends BodyRuleOptions {
  /** What TXB002 calls the version it compares with: "HEAD" unless told (range mode names the merge base). */
  previousName?: string;
}

export interface FileInput {
  path: string;
  /** The staged source split on `\n`. */
  lines: readonly string[];
  module: ModuleInfo;
  /**
   * The version at HEAD (or the rename source), or null when there is none, analysed as far as it defines `qualifiedNames`.
   * Asked for once, with the names of every function lacking its section (TXB001 or TXB002?): a commit that keeps
   * every section never parses the old side, and one that drops a few parses only their blocks.
   */
  previous: (qualifiedNames: readonly string[]) => ModuleInfo | null;
  changes: Changes;
  /** Modules the checked functions call into (TXB005), read from the same revision; without them only same-module calls resolve. */
  callees?: Modules;
  /** What functions do, following their calls (the suggestion, TXB004); without it only the body itself counts. */
  effects?: EffectAnalysis;
}

export interface FileResult {
  diagnostics: Diagnostic[];
  errors: FileError[];
  functionsChecked: number;
  /** Checked functions whose section is there and not empty. */
  documented: number;
  /** Every checked function with its documented and suggested pattern (the audit's agreement). */
  functions: FunctionReport[];
  /** The checked text split on `\n`, which the fixes' line numbers refer to. */
  lines?: readonly string[];
}

export interface FunctionReport {
  file: string;
  line: number;
  function: string;
  documented: boolean;
  /** The pattern the section's wording names, or null when it names none. */
  documentedPattern: Pattern | null;
  suggestedPattern: Pattern;
  evidence: string[];
}

const NO_EFFECT: Effect = Object.freeze({ count: 0, known: 0, steps: [], reads: [], queries: 0 });

/** Applies the rules of docs/rules.md to one file. Pure: data in, data out. */
export function checkFile(input: FileInput, options: CheckOptions): FileResult {
  const { path, module, changes } = input;
  const diagnostics: Diagnostic[] = [];
  const errors: FileError[] = [];
  const severity = severityOf('TXB000', options.rules);
  for (const [statement, issues] of byStatement(module.syntaxErrors, input.lines.length)) {
    if (touches(statement, changes)) {
      // One report per broken statement: Python's own error when there is one, on a line of the change if possible.
      const issue = bestIssue(issues, changes);
      if (severity) {
        diagnostics.push({
          ...fileLevel(path, issue.line, issue.column, severity),
          message: `syntax error (${issue.message}): the code of this statement cannot be checked`,
          frame: frameLines(input.lines, [issue.line]),
          help: UNBLOCK_SYNTAX,
        });
      }
    } else {
      for (const issue of issues) {
        errors.push({ file: path, reason: `syntax error at line ${issue.line} (${issue.message}), in a statement outside the change; the change itself was checked` });
      }
    }
  }
  const verifiable = selectChecked(module.functions, changes).filter((fn) => !module.syntaxErrors.some((issue) => overlaps(issue.range, fn.span)));
  const lacking = verifiable.filter((fn) => stateOf(fn, options.section) === 'absent').map((fn) => fn.qualifiedName);
  let previousModule: { value: ModuleInfo | null } | undefined;
  const previous = () => {
    previousModule ??= { value: input.previous(lacking) };
    return previousModule.value;
  };
  const functions: FunctionReport[] = [];
  for (const fn of verifiable) {
    const effect = input.effects?.of({ file: path, fn }) ?? NO_EFFECT;
    const classification = classify(fn.name, effect);
    const code = judge(fn, previous, options.section);
    functions.push(reportOf(fn, path, code === null, classification, options.section));
    if (code !== null) {
      const severity = severityOf(code, options.rules);
      if (severity && !isSuppressed(fn.suppressed, code)) diagnostics.push(describe(fn, code, severity, classification, input, options));
    }
    diagnostics.push(...checkBody(fn, { path, lines: input.lines, outline: module.outline, callees: input.callees, effect, classification }, options));
  }
  return { diagnostics, errors, functionsChecked: verifiable.length, documented: functions.filter((fn) => fn.documented).length, functions, lines: input.lines };
}

/** The rules about the section's presence; TXB004–TXB006 live in body-rules.ts. */
type PresenceCode = 'TXB001' | 'TXB002' | 'TXB003';

function judge(fn: FunctionInfo, previous: () => ModuleInfo | null, section: string): PresenceCode | null {
  const state = stateOf(fn, section);
  if (state === 'present') return null;
  if (state === 'empty') return 'TXB003';
  return hadSection(previous(), fn.qualifiedName, section) ? 'TXB002' : 'TXB001';
}

function stateOf(fn: FunctionInfo, section: string): SectionState {
  return fn.docstring ? sectionState(fn.docstring.value, section) : 'absent';
}

/** TXB002 looks at every earlier definition with the same qualified name, public or not. */
function hadSection(previous: ModuleInfo | null, qualifiedName: string, section: string): boolean {
  return (previous?.functions ?? []).some((old) => old.qualifiedName === qualifiedName && old.docstring !== null && sectionState(old.docstring.value, section) !== 'absent');
}

function reportOf(fn: FunctionInfo, file: string, documented: boolean, classification: Classification, section: string): FunctionReport {
  const claimed = documented && fn.docstring ? readDocumentedPattern(fn.docstring.value, section) : null;
  return {
    file,
    line: fn.defLine,
    function: fn.qualifiedName,
    documented,
    documentedPattern: claimed?.pattern ?? null,
    suggestedPattern: classification.pattern,
    evidence: [classification.reason, ...classification.evidence],
  };
}

function describe(fn: FunctionInfo, code: PresenceCode, severity: Severity, classification: Classification, input: FileInput, options: CheckOptions): Diagnostic {
  const header = `"${options.section}:"`;
  const name = `\`${fn.qualifiedName}\``;
  const messages: Record<PresenceCode, string> = {
    TXB001: fn.docstring ? `public function ${name} has no ${header} section in its docstring` : `public function ${name} has no docstring, so no ${header} section`,
    TXB002: `${name} lost its ${header} section (${options.previousName ?? 'HEAD'} has one)`,
    TXB003: `the ${header} section of ${name} is empty`,
  };
  const indent = fn.docstring?.indent ?? fn.bodyIndent;
  const sectionLines = renderSection(classification, { ...options, indent });
  const paste = fn.docstring ? sectionLines : renderDocstring(fn.name, sectionLines, indent);
  const where = fn.docstring ? 'paste this into the docstring' : 'add this docstring right below the `def` line';
  return {
    code,
    severity,
    ...atFunction(input.path, fn),
    message: messages[code],
    pattern: classification.pattern,
    evidence: classification.evidence,
    reason: classification.reason,
    suggestion: renderSection(classification, { ...options, indent: '' }).join('\n'),
    frame: frameLines(input.lines, fn.docstring ? [fn.defLine, fn.docstring.range.start] : [fn.defLine]),
    help: { text: `${where} (Pattern ${classification.pattern}, ${PATTERN_NAMES[classification.pattern]}):`, code: paste },
    fix: locateSection({ lines: input.lines, fn, section: options.section, paste }),
  };
}

/** How to get past a TXB000 (README, "When txboundary refuses"). */
const UNBLOCK_SYNTAX = { text: 'fix the syntax (python -m py_compile FILE shows what Python says), stage the file and commit again', code: [] };
const UNBLOCK_DECODING = { text: 're-encode the file as UTF-8 (or exclude it), stage it and commit again', code: [] };

/** The error of a statement to show: Python's own (`exact`) before tree-sitter's guess, one on a changed line first. */
function bestIssue(issues: readonly SyntaxIssue[], changes: Changes): SyntaxIssue {
  const rank = (issue: SyntaxIssue) => (touches(issue.range, changes) ? 0 : 2) + (issue.exact ? 0 : 1);
  return [...issues].sort((a, b) => rank(a) - rank(b))[0] as SyntaxIssue;
}

/** Syntax errors by top-level statement (see `analyzeWhole`); one whose statement is unknown puts the whole file at stake. */
function byStatement(issues: readonly SyntaxIssue[], lineCount: number): [LineRange, SyntaxIssue[]][] {
  const groups = new Map<string, [LineRange, SyntaxIssue[]]>();
  for (const issue of issues) {
    const statement = issue.statement ?? { start: 1, end: Math.max(lineCount, issue.range.end) };
    const key = `${statement.start}:${statement.end}`;
    const group = groups.get(key) ?? [statement, []];
    group[1].push(issue);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function fileLevel(file: string, line: number, column: number, severity: Severity) {
  return {
    code: 'TXB000' as const,
    severity,
    file,
    line,
    column,
    function: null,
    pattern: null,
    evidence: [],
    reason: null,
    suggestion: null,
    fix: null,
  };
}

/**
 * A file txboundary cannot read as Python source (an encoding it does not decode, invalid bytes, NUL bytes): nothing in it
 * can be verified, so a change to it blocks (TXB000) wherever the offending byte is, in every mode.
 * Only a change that alters no line (a rename, a mode change) passes, with an entry in `errors`.
 */
export function checkUndecodable(input: { path: string; line: number; reason: string; changes: Changes }, options: CheckOptions): FileResult {
  const severity = severityOf('TXB000', options.rules);
  const changesLines = input.changes === WHOLE_FILE || input.changes.added.length > 0 || input.changes.deletedAfter.length > 0;
  const nothingChecked = { functionsChecked: 0, documented: 0, functions: [] };
  if (!changesLines || !severity) return { diagnostics: [], errors: [{ file: input.path, reason: input.reason }], ...nothingChecked };
  const diagnostic: Diagnostic = {
    ...fileLevel(input.path, input.line, 1, severity),
    message: `the file cannot be read as Python source, so its change cannot be checked: ${input.reason}; if it is not Python source you maintain, add it to \`exclude\` in the txboundary configuration`,
    frame: [],
    help: UNBLOCK_DECODING,
  };
  return { diagnostics: [diagnostic], errors: [], ...nothingChecked };
}
