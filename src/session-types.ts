/**
 * Plain data about how code handles sessions (TXB005, TXB006) and what its names are bound to (for resolving calls).
 * No tree-sitter node crosses these types.
 */

/** A module as an `import` names it: `pkg.mod` (level 0), `.mod` (level 1), `..` (level 2, empty name). */
export interface ModuleName {
  level: number;
  name: string;
}

/** The parameter through which a function receives a session. */
export interface SessionParameter {
  name: string;
  /** 0-based among the arguments a caller passes positionally (`self`/`cls` not counted); null when keyword-only. */
  position: number | null;
}

/** What a caller needs to know about a function it calls. */
export interface Signature {
  /** `func`, or `Klass.method`. */
  qualifiedName: string;
  /** Of the `def`. */
  line: number;
  session: SessionParameter | null;
}

/** What a module-level (or function-level) name is bound to; the last binding wins. */
export type Binding =
  | { kind: 'function'; signature: Signature }
  | { kind: 'class'; methods: Readonly<Record<string, Signature>> }
  /** `import pkg.mod as m` (m → pkg.mod), `import pkg.mod` (pkg → pkg). */
  | { kind: 'module'; module: ModuleName }
  /** `from pkg.mod import name [as alias]`: a function, a class, or the submodule `pkg.mod.name`. */
  | { kind: 'imported'; module: ModuleName; name: string }
  /** An assignment, a `for` target, a star import…: nothing to resolve through. */
  | { kind: 'other' };

/** Names and what they are bound to, as own properties (no prototype to inherit `constructor` from). */
export type Bindings = Readonly<Record<string, Binding>>;

/** A module's top-level names, for resolving calls into it. */
export type ModuleOutline = Bindings;

/** A `session_scope(…)` call in a function body. */
export interface ScopeOpening {
  line: number;
  text: string;
  /** A session is passed in (`session_scope(session)`): the "inherit or open" idiom. */
  inherits: boolean;
  /** Only reached when the function's own session parameter is None (`if session is None:` …). */
  whenNoSession: boolean;
}

/** A call made while holding a session that passes none on: a candidate for TXB005 once the callee is known. */
export interface HeldCall {
  /** As written, dotted names only: `create_order`, `orders.create_order`, `self.save`. */
  callee: string;
  line: number;
  /** On one line, shortened. */
  text: string;
  positional: number;
  keywords: string[];
  /** The session variable held at the call, for the suggested fix. */
  session: string;
}

/** How a function body (nested helpers included) handles sessions. */
export interface SessionFacts {
  parameter: SessionParameter | null;
  /** In source order. */
  scopes: ScopeOpening[];
  /** The most `session_scope(…)` calls one run through the body can reach (branches are alternatives). */
  mostScopesOnOnePath: number;
  calls: HeldCall[];
  /** Imports inside the body, which shadow the module's names. */
  imports: Bindings;
}
