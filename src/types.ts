import type { Flow } from './python/facts/flow.js';
import type { ModuleOutline, SessionFacts } from './session-types.js';

/**
 * Plain data that flows between the pipeline's stages:
 * git → Python analysis → rules → rendering. No tree-sitter node, no
 * process handle and no file system object ever crosses these types.
 */

/** A 1-based, inclusive range of lines. */
export interface LineRange {
  start: number;
  end: number;
}

/** The three documented transaction patterns (docs/suggestion.md). */
export type Pattern = 'A' | 'B' | 'C';

/** What the analysis read of a function body; absent parts were not read (the function was not checked). */
export interface BodyFacts {
  /** Its writes and calls inside branches, loops and exits, for the suggestion and TXB004. */
  flow?: Flow;
  /** Sessions held, passed on and opened (TXB005, TXB006). */
  session?: SessionFacts;
}

export interface Docstring {
  /** The string's value as Python sees it (escapes decoded, parts concatenated). */
  value: string;
  /** Source lines of the literal (from its opening to its closing quote). */
  range: LineRange;
  /** Whitespace before the literal on its first line: the body's indentation. */
  indent: string;
  /** The literal's opening quote including any prefix, e.g. `"""`, `r'''`. */
  opening: string;
}

/** Whether a docstring carries the section (docs/rules.md) and whether it is empty (TXB003). */
export type SectionState = 'present' | 'empty' | 'absent';

export interface FunctionInfo {
  name: string;
  /** `func`, `Outer.Inner.method`: enclosing class names and the function name. */
  qualifiedName: string;
  /** docs/rules.md: no `_` on the name or any enclosing class, and in `__all__` when that applies. */
  isPublic: boolean;
  /** `@overload` stubs and property setters/deleters: never checked. */
  isStub: boolean;
  isAsync: boolean;
  /** First decorator line (or the `def` line) through the last body line. */
  span: LineRange;
  /** Line of the `def` keyword. */
  defLine: number;
  /** 1-based column of the function's name on the `def` line. */
  nameColumn: number;
  /** Indentation of the first body statement (what a new docstring must use). */
  bodyIndent: string;
  /** Line of the colon that ends the signature: a new docstring goes right below it. */
  headerEnd: number;
  /** Line of the body's first statement; `headerEnd` itself for `def f(): pass`. */
  bodyStart: number;
  docstring: Docstring | null;
  /** Codes silenced by `# noqa: TXB001,…` on the `def` line, or 'all' for `# txboundary: ignore`. */
  suppressed: readonly string[] | 'all';
  facts: BodyFacts;
}

export interface SyntaxIssue {
  /** Lines the parser could not make sense of. */
  range: LineRange;
  /** 1-based position of the first offending token. */
  line: number;
  column: number;
  message: string;
  /**
   * The top-level statement that holds it, wherever the parser placed the
   * error (see `analyzeWhole`); absent when the statements cannot be told
   * apart, which puts the whole file at stake.
   */
  statement?: LineRange;
  /** The error Python itself reports, at the line it reports it (not a guess of tree-sitter's recovery). */
  exact?: true;
}

export interface ModuleInfo {
  /** Every function whose enclosing scopes are only module and class bodies, in source order. */
  functions: FunctionInfo[];
  syntaxErrors: SyntaxIssue[];
  /** Top-level signatures and imports, read when asked for or when a checked body calls out while holding a session. */
  outline?: ModuleOutline;
  /**
   * Only the top-level statements a change touches were analysed (see
   * `analyzeChange`): `functions` holds the modified ones but maybe not
   * the others, and `outline` only the names they look up.
   */
  partial?: true;
}

export interface AnalyzeOptions {
  /** Honour a literal module-level `__all__` when deciding what is public. */
  respectAll: boolean;
  /**
   * Which functions need their body read for a suggestion (the modified
   * ones); the rest get empty facts. Reading bodies is most of the analysis
   * time, and only reported functions show a suggestion. Default: all.
   */
  needsFacts?: (span: LineRange, qualifiedName: string) => boolean;
  /** Read the module's outline even when no body needs it (a module that checked code calls into). */
  outline?: boolean;
}

/** What the staged change did to one file, in the staged version's line numbers. */
export interface ChangedLines {
  /** Lines that are new or rewritten. */
  added: LineRange[];
  /** Each `c` means lines were removed right after line `c` (0: at the top) and nothing replaced them. */
  deletedAfter: number[];
}
