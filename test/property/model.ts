/**
 * A structured model of a Python service-layer module and its renderer.
 *
 * The generators (`generate.ts`) build these plain objects and the edits
 * (`edits.ts`) transform them; `renderModule` is the only place that turns
 * them into source text. Rendering is deterministic, so the staged diff of a
 * case is exactly the effect of its edits.
 */

/** A docstring, or a string statement in docstring position that is not one (`b`, `f`). */
export interface Docstring {
  /**
   * `triple`/`triple-single`: one physical line per entry of `lines`.
   * `oneline`/`oneline-single`: one literal, lines joined by a `\n` escape.
   * `concat`: implicitly concatenated literals on one physical line.
   * `concat-paren`: one literal per physical line inside parentheses.
   */
  style: 'triple' | 'triple-single' | 'oneline' | 'oneline-single' | 'concat' | 'concat-paren';
  prefix: '' | 'r' | 'R' | 'u' | 'b' | 'f';
  /** Source text of each docstring line (escapes allowed, no quotes). */
  lines: string[];
  /** `triple` styles only: the closing quotes end the last text line. */
  closeOnLastLine: boolean;
}

/** A statement inside a function body. `text` may span lines (`\n`); continuation lines are indented by the renderer. */
export type Stmt =
  | { kind: 'line'; text: string }
  | { kind: 'block'; clauses: { header: string; body: Stmt[] }[] }
  /** A nested `def`/`class` (`header` without the colon): part of the enclosing function. */
  | { kind: 'helper'; header: string; body: Stmt[] };

export interface Params {
  /** Positional parameters without defaults (`self`/`cls` go first here). */
  required: string[];
  /** Parameters with defaults, rendered after `required` (`name=...`). */
  defaults: string[];
  star: '' | '*' | '*args';
  kwonly: string[];
  kwargs: boolean;
  /** One parameter per line, closing `)` on its own line. */
  multiline: boolean;
}

export interface Func {
  kind: 'func';
  name: string;
  isAsync: boolean;
  /** Decorator expressions without `@`; `\n` continues the expression on the next line. */
  decorators: string[];
  params: Params;
  returns: string | null;
  /** A comment at the end of the `def` line (or of the closing `):` line, see `commentOnClose`). */
  defComment: string | null;
  commentOnClose: boolean;
  docstring: Docstring | null;
  /** `def f(): ...` on one line, when the body allows it. */
  inline: boolean;
  /** What separates `def` from the name (and `async` from `def`). */
  spacing: ' ' | '  ' | '\t';
  /** A comment line before the docstring (it is still the docstring). */
  commentBeforeDoc: boolean;
  body: Stmt[];
}

export interface Klass {
  kind: 'class';
  name: string;
  bases: string;
  decorators: string[];
  docstring: Docstring | null;
  members: Item[];
}

/** A compound statement at module or class level (transparent for the checker). */
export interface Compound {
  kind: 'compound';
  clauses: { header: string; body: Item[] }[];
}

/** `match subject:` with `case` clauses (one more level of indentation). */
export interface Match {
  kind: 'match';
  subject: string;
  cases: { pattern: string; body: Item[] }[];
}

export type Item = Func | Klass | Compound | Match | { kind: 'stmt'; text: string } | { kind: 'comment'; text: string } | { kind: 'blank' };

export interface Module {
  docstring: Docstring | null;
  items: Item[];
  /** One indentation unit: four spaces, two spaces or a tab. */
  indent: string;
}

const TRIPLE: Record<Docstring['style'], string> = {
  triple: '"""',
  'triple-single': "'''",
  oneline: '"',
  'oneline-single': "'",
  concat: '"',
  'concat-paren': '"',
};

/** Prefix for the first literal of a concatenation, and for the others (bytes and f-strings must repeat it). */
function prefixes(doc: Docstring): [string, string] {
  return doc.prefix === 'b' || doc.prefix === 'f' ? [doc.prefix, doc.prefix] : [doc.prefix, ''];
}

/** A docstring line that may not end with a backslash (it would escape the closing quote). */
function noTrailingBackslash(text: string): string {
  return text.replace(/\\+$/, '');
}

/** Renders a docstring as physical lines at indentation `ind`. */
export function renderDocstring(doc: Docstring, ind: string, unit: string): string[] {
  const source = doc.lines.length === 0 ? [''] : doc.lines;
  // Bytes literals may only contain ASCII.
  const lines = doc.prefix === 'b' ? source.map((line) => [...line].map((ch) => (ch > '\u007f' ? '?' : ch)).join('')) : source;
  const q = TRIPLE[doc.style];
  const [first, rest] = prefixes(doc);
  switch (doc.style) {
    case 'triple':
    case 'triple-single': {
      if (lines.length === 1) return [`${ind}${first}${q}${noTrailingBackslash(lines[0] ?? '')}${q}`];
      const out = [`${ind}${first}${q}${lines[0]}`];
      lines.slice(1).forEach((line, i) => {
        const last = i === lines.length - 2;
        const text = last ? noTrailingBackslash(line) : line;
        const physical = text === '' ? '' : `${ind}${text}`;
        out.push(last && doc.closeOnLastLine ? `${physical === '' ? ind : physical}${q}` : physical);
      });
      if (!doc.closeOnLastLine) out.push(`${ind}${q}`);
      return out;
    }
    case 'oneline':
    case 'oneline-single':
      return [`${ind}${first}${q}${lines.map(noTrailingBackslash).join('\\n')}${q}`];
    case 'concat':
      return [ind + lines.map((line, i) => `${i === 0 ? first : rest}"${noTrailingBackslash(line)}${i < lines.length - 1 ? '\\n' : ''}"`).join(' ')];
    case 'concat-paren':
      return [`${ind}(`, ...lines.map((line, i) => `${ind}${unit}${i === 0 ? first : rest}"${noTrailingBackslash(line)}${i < lines.length - 1 ? '\\n' : ''}"`), `${ind})`];
  }
}

function renderParams(params: Params, ind: string, unit: string): { inline: string; multiline: string[] } {
  const parts = [
    ...params.required,
    ...params.defaults.map((name) => (name.includes('=') ? name : `${name}=None`)),
    ...(params.star !== '' ? [params.star] : params.kwonly.length > 0 ? ['*'] : []),
    ...params.kwonly.map((name) => (name.includes('=') ? name : `${name}=None`)),
    ...(params.kwargs ? ['**kwargs'] : []),
  ];
  return { inline: parts.join(', '), multiline: parts.map((part) => `${ind}${unit}${part},`) };
}

/** Indents every physical line of a (possibly multi-line) statement text. */
function indentText(text: string, ind: string, unit: string): string[] {
  return text.split('\n').map((line, i) => (line === '' ? '' : `${ind}${i === 0 ? '' : unit}${line}`));
}

/** A body line that is only a comment (it does not make a block non-empty). */
export function isCommentStmt(stmt: Stmt): boolean {
  return stmt.kind === 'line' && stmt.text.startsWith('#');
}

/** `needsCode`: the block has no docstring, so comments alone would leave it empty (`pass` is added). */
function renderStmts(stmts: Stmt[], ind: string, unit: string, needsCode = true): string[] {
  const out: string[] = [];
  if (needsCode && stmts.every(isCommentStmt)) out.push(`${ind}pass`);
  for (const stmt of stmts) {
    if (stmt.kind === 'line') out.push(...indentText(stmt.text, ind, unit));
    else if (stmt.kind === 'block') {
      for (const clause of stmt.clauses) {
        out.push(`${ind}${clause.header}:`);
        out.push(...renderStmts(clause.body, ind + unit, unit));
      }
    } else {
      out.push(`${ind}${stmt.header}:`);
      out.push(...renderStmts(stmt.body, ind + unit, unit));
    }
  }
  return out;
}

function renderDecorators(decorators: string[], ind: string, unit: string): string[] {
  return decorators.flatMap((decorator) => indentText(`@${decorator}`, ind, unit));
}

/** The single simple statement a `def` can carry on its own line, if any. */
function inlineBody(fn: Func, unit: string): string | null {
  if (!fn.inline) return null;
  if (fn.docstring === null && fn.body.length === 1 && fn.body[0]?.kind === 'line' && !fn.body[0].text.includes('\n')) {
    const text = fn.body[0].text;
    return text.startsWith('#') ? null : text;
  }
  const only = fn.body[0];
  const simple = fn.body.length === 0 || (fn.body.length === 1 && only?.kind === 'line' && !only.text.includes('\n') && !isCommentStmt(only));
  if (fn.docstring !== null && simple) {
    const lines = renderDocstring(fn.docstring, '', unit);
    if (lines.length !== 1) return null;
    // `def f(): "doc"; return x`: still a docstring.
    return only?.kind === 'line' ? `${lines[0]}; ${only.text}` : (lines[0] ?? null);
  }
  return null;
}

export function renderFunc(fn: Func, ind: string, unit: string): string[] {
  const out = renderDecorators(fn.decorators, ind, unit);
  const keyword = fn.isAsync ? `async${fn.spacing}def` : 'def';
  const returns = fn.returns === null ? '' : ` -> ${fn.returns}`;
  const comment = fn.defComment === null ? '' : `  ${fn.defComment}`;
  const params = renderParams(fn.params, ind, unit);
  const body = inlineBody(fn, unit);
  const colonTail = body === null ? ':' : `: ${body}`;
  if (fn.params.multiline && params.multiline.length > 0) {
    out.push(`${ind}${keyword}${fn.spacing}${fn.name}(${fn.commentOnClose ? '' : comment}`);
    out.push(...params.multiline);
    out.push(`${ind})${returns}${colonTail}${fn.commentOnClose ? comment : ''}`);
  } else {
    out.push(`${ind}${keyword}${fn.spacing}${fn.name}(${params.inline})${returns}${colonTail}${comment}`);
  }
  if (body !== null) return out;
  const inner = ind + unit;
  if (fn.docstring !== null) {
    if (fn.commentBeforeDoc) out.push(`${inner}# docstring follows`);
    out.push(...renderDocstring(fn.docstring, inner, unit));
  }
  out.push(...renderStmts(fn.body, inner, unit, fn.docstring === null));
  return out;
}

function renderItems(items: Item[], ind: string, unit: string, emptyMeansPass: boolean): string[] {
  const out: string[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'func':
        out.push(...renderFunc(item, ind, unit));
        break;
      case 'class': {
        out.push(...renderDecorators(item.decorators, ind, unit));
        out.push(`${ind}class ${item.name}${item.bases === '' ? '' : `(${item.bases})`}:`);
        if (item.docstring !== null) out.push(...renderDocstring(item.docstring, ind + unit, unit));
        out.push(...renderItems(item.members, ind + unit, unit, item.docstring === null));
        break;
      }
      case 'compound':
        for (const clause of item.clauses) {
          out.push(`${ind}${clause.header}:`);
          out.push(...renderItems(clause.body, ind + unit, unit, true));
        }
        break;
      case 'match':
        out.push(`${ind}match ${item.subject}:`);
        for (const clause of item.cases) {
          out.push(`${ind}${unit}case ${clause.pattern}:`);
          out.push(...renderItems(clause.body, ind + unit + unit, unit, true));
        }
        break;
      case 'stmt':
        out.push(...indentText(item.text, ind, unit));
        break;
      case 'comment':
        out.push(`${ind}${item.text}`);
        break;
      case 'blank':
        out.push('');
        break;
    }
  }
  if (emptyMeansPass && !hasCode(items)) out.push(`${ind}pass`);
  return out;
}

/** Whether the items contain a statement (comments and blank lines do not make a block). */
function hasCode(items: Item[]): boolean {
  return items.some((item) => item.kind !== 'comment' && item.kind !== 'blank');
}

/** The module as source text, `\n` line endings, ending with a newline. */
export function renderModule(module: Module): string {
  const unit = module.indent;
  const out: string[] = [];
  if (module.docstring !== null) out.push(...renderDocstring(module.docstring, '', unit));
  out.push(...renderItems(module.items, '', unit, false));
  return `${out.join('\n')}\n`;
}
