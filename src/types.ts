/**
 * Plain data that flows between the pipeline's stages: git → Python analysis → rules → rendering.
 * No tree-sitter node, process handle or file system object ever crosses these types.
 */
import type { Flow } from './python/facts/flow.js';
import type { ModuleOutline, SessionFacts } from './session-types.js';

/** A 1-based, inclusive range of lines. */
export interface LineRange {
  start: number;
  end: number;
}

/** The three documented transaction patterns (docs/suggestion.md). */
export type Pattern = 'A' | 'B' | 'C';

/** What the analysis read of a function body; absent parts were not read (the function was not checked). */
export interface BodyFacts {
  /** For the suggestion and TXB004. */
  flow?: Flow;
  /** For TXB005 and TXB006. */
  session?: SessionFacts;
}

export interface Docstring {
  /** The string's value as Python sees it (escapes decoded, parts concatenated). */
  value: string;
  /** From the opening to the closing quote. */
  range: LineRange;
  indent: string;
  /** With any prefix, e.g. `"""`, `r'''`. */
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
  defLine: number;
  /** 1-based, of the function's name on the `def` line. */
  nameColumn: number;
  /** Of the first body statement: what a new docstring must use. */
  bodyIndent: string;
  /** The line of the colon that ends the signature: a new docstring goes right below it. */
  headerEnd: number;
  /** `headerEnd` itself for `def f(): pass`. */
  bodyStart: number;
  docstring: Docstring | null;
  /** Codes silenced by `# noqa: TXB001,…` on the `def` line, or 'all' for `# txboundary: ignore`. */
  suppressed: readonly string[] | 'all';
  facts: BodyFacts;
}

export interface SyntaxIssue {
  range: LineRange;
  /** 1-based position of the first offending token. */
  line: number;
  column: number;
  message: string;
  /**
   * The top-level statement holding it, wherever the parser placed the error (see `analyzeWhole`);
   * absent when the statements cannot be told apart, which puts the whole file at stake.
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
   * Only the top-level statements a change touches were analysed (see `analyzeChange`): `functions` holds the modified
   * ones but maybe not the others, and `outline` only the names they look up.
   */
  partial?: true;
}

export interface AnalyzeOptions {
  respectAll: boolean;
  /**
   * Which functions need their body read for a suggestion (the modified ones); the rest get empty facts.
   * Reading bodies is most of the analysis time, and only reported functions show a suggestion. Default: all.
   */
  needsFacts?: (span: LineRange, qualifiedName: string) => boolean;
  /** Read the module's outline even when no body needs it (a module that checked code calls into). */
  outline?: boolean;
}

/** What the staged change did to one file, in the staged version's line numbers. */
export interface ChangedLines {
  added: LineRange[];
  /** Each `c` means lines were removed right after line `c` (0: at the top) and nothing replaced them. */
  deletedAfter: number[];
}
