import { sectionState } from '../python/docstring.js';
import { readDocumentedPattern } from '../effects/documented-pattern.js';
import type { Effect, EffectAnalysis } from '../effects/evaluate.js';
import { type Classification, classify } from '../suggest/classify.js';
import { renderDocstring, renderSection } from '../suggest/template.js';
import type { FunctionInfo, ModuleInfo, Pattern, SectionState } from '../types.js';
import type { Modules } from '../resolve/resolve-callee.js';
import { checkBody } from './body-rules.js';
import { atFunction, type Diagnostic, type FileError, frameLines, type Severity } from './diagnostic.js';
import { isSuppressed, type RuleCode, type RuleSetting, severityOf } from './rules.js';
import { type Changes, overlaps, selectChecked, touches } from './select.js';

export interface CheckOptions {
  /** The section header, without its colon. */
  section: string;
  rules: Record<RuleCode, RuleSetting>;
  templates: Partial<Record<Pattern, string>>;
  /** What TXB002 calls the version it compares with: "HEAD" unless told (range mode names the merge base). */
  previousName?: string;
}

export interface FileInput {
  /** Repo-relative path with `/`. */
  path: string;
  /** The staged source, one entry per line. */
  lines: readonly string[];
  module: ModuleInfo;
  /**
   * The version at HEAD (or the rename source), or null when there is none,
   * analysed at least as far as it defines `qualifiedNames`. Asked for only
   * when a function lacks its section (TXB001 or TXB002?), once, with the
   * names of all such functions, so a commit that keeps every section never
   * parses the old side, and one that drops a few parses only their blocks.
   */
  previous: (qualifiedNames: readonly string[]) => ModuleInfo | null;
  changes: Changes;
  /** Modules the checked functions call into (TXB005), read from the same revision. */
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
}

/** A checked function, its section's pattern and the suggestion, side by side. */
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

/** Applies the rules of SPEC §4 to one file. Pure: data in, data out. */
export function checkFile(input: FileInput, options: CheckOptions): FileResult {
  const { path, module, changes } = input;
  const diagnostics: Diagnostic[] = [];
  const errors: FileError[] = [];
  for (const issue of module.syntaxErrors) {
    if (touches(issue.range, changes)) {
      const severity = severityOf('TXB000', options.rules);
      if (severity) {
        diagnostics.push({
          ...fileLevel(path, issue.line, issue.column, severity),
          message: `syntax error in the staged change (${issue.message}); the changed code cannot be checked`,
          frame: frameLines(input.lines, [issue.line]),
        });
      }
    } else {
      errors.push({ file: path, reason: `syntax error at line ${issue.line} (${issue.message}), outside the staged change; the rest of the file was checked` });
    }
  }
  const verifiable = selectChecked(module.functions, changes).filter(
    (fn) => !module.syntaxErrors.some((issue) => overlaps(issue.range, fn.span)),
  );
  // Every function that lacks its section asks the old side: ask once, for all of them.
  const lacking = verifiable.filter((fn) => stateOf(fn, options.section) === 'absent').map((fn) => fn.qualifiedName);
  let previousModule: { value: ModuleInfo | null } | undefined;
  const previous = () => {
    previousModule ??= { value: input.previous(lacking) };
    return previousModule.value;
  };
  let documented = 0;
  const functions: FunctionReport[] = [];
  for (const fn of verifiable) {
    const effect = effectOf(fn, input);
    const classification = classify(fn.name, effect);
    const finding = judge(fn, previous, options.section);
    const bodyFindings = checkBody(fn, { path, lines: input.lines, outline: module.outline, callees: input.callees, effect, classification }, options);
    functions.push(reportOf(fn, path, finding === null, classification, options.section));
    if (!finding) {
      documented++;
      diagnostics.push(...bodyFindings);
      continue;
    }
    const severity = severityOf(finding.code, options.rules);
    if (severity && !isSuppressed(fn.suppressed, finding.code)) diagnostics.push(describe(fn, finding, severity, classification, input, options));
    diagnostics.push(...bodyFindings);
  }
  return { diagnostics, errors, functionsChecked: verifiable.length, documented, functions };
}

/** The rules about the section's presence; TXB004–TXB006 live in body-rules.ts. */
type PresenceCode = 'TXB001' | 'TXB002' | 'TXB003';

interface Finding {
  code: RuleCode;
  state: SectionState;
}

function judge(fn: FunctionInfo, previous: () => ModuleInfo | null, section: string): Finding | null {
  const state = stateOf(fn, section);
  if (state === 'present') return null;
  if (state === 'empty') return { code: 'TXB003', state };
  return { code: hadSection(previous(), fn.qualifiedName, section) ? 'TXB002' : 'TXB001', state };
}

function stateOf(fn: FunctionInfo, section: string): SectionState {
  return fn.docstring ? sectionState(fn.docstring.value, section) : 'absent';
}

/** TXB002 looks at every earlier definition with the same qualified name, public or not. */
function hadSection(previous: ModuleInfo | null, qualifiedName: string, section: string): boolean {
  return (previous?.functions ?? []).some(
    (old) => old.qualifiedName === qualifiedName && old.docstring !== null && sectionState(old.docstring.value, section) !== 'absent',
  );
}

function effectOf(fn: FunctionInfo, input: FileInput): Effect {
  return input.effects?.of({ file: input.path, fn }) ?? NO_EFFECT;
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

function describe(fn: FunctionInfo, finding: Finding, severity: Severity, classification: Classification, input: FileInput, options: CheckOptions): Diagnostic {
  const header = `"${options.section}:"`;
  const name = `\`${fn.qualifiedName}\``;
  const messages: Record<PresenceCode, string> = {
    TXB001: fn.docstring
      ? `public function ${name} has no ${header} section in its docstring`
      : `public function ${name} has no docstring, so no ${header} section`,
    TXB002: `${name} lost its ${header} section (${options.previousName ?? 'HEAD'} has one)`,
    TXB003: `the ${header} section of ${name} is empty`,
  };
  const renderOptions = { section: options.section, templates: options.templates };
  const suggestion = renderSection(classification, { ...renderOptions, indent: '' }).join('\n');
  const indent = fn.docstring?.indent ?? fn.bodyIndent;
  const sectionLines = renderSection(classification, { ...renderOptions, indent });
  const frameAt = fn.docstring ? [fn.defLine, fn.docstring.range.start] : [fn.defLine];
  return {
    code: finding.code,
    severity,
    ...atFunction(input.path, fn),
    message: messages[finding.code as PresenceCode],
    pattern: classification.pattern,
    evidence: classification.evidence,
    reason: classification.reason,
    suggestion,
    paste: fn.docstring
      ? { lines: sectionLines, wholeDocstring: false }
      : { lines: renderDocstring(fn.name, sectionLines, indent), wholeDocstring: true },
    frame: frameLines(input.lines, frameAt),
  };
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
    paste: null,
  };
}




/**
 * A file Python could not even read (bad encoding, NUL bytes): Python reports
 * a SyntaxError at the offending line, and so does txboundary — TXB000 when
 * the change touches that line, else an entry in `errors`. Nothing else in
 * the file can be checked.
 */
export function checkUndecodable(
  input: { path: string; line: number; reason: string; changes: Changes },
  options: CheckOptions,
): FileResult {
  const severity = severityOf('TXB000', options.rules);
  if (!touches({ start: input.line, end: input.line }, input.changes) || !severity) {
    return { diagnostics: [], errors: [{ file: input.path, reason: input.reason }], functionsChecked: 0, documented: 0, functions: [] };
  }
  const diagnostic: Diagnostic = {
    ...fileLevel(input.path, input.line, 1, severity),
    message: `the staged file cannot be read as Python source: ${input.reason}`,
    frame: [],
  };
  return { diagnostics: [diagnostic], errors: [], functionsChecked: 0, documented: 0, functions: [] };
}
