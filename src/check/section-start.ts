/** Google / Napoleon section titles of more than one word; a one-word `Title:` line is recognised by shape alone. */
const MULTI_WORD_TITLES: ReadonlySet<string> = new Set(['keyword args', 'keyword arguments', 'other parameters', 'see also', 'side effects']);

/** `Args:`, `Returns:`, `Todo:`: a lone word and a colon (the shape TXB003 calls a header). */
const WORD_TITLE = /^[\p{L}_][\p{L}\p{N}_]*:$/u;
/** NumPy style underlines its titles: `Parameters` then `----------`. */
const UNDERLINE = /^(?:-{3,}|={3,})$/;
/** reST field lists (`:param x:`, `:returns:`) and directives (`.. note::`). */
const REST_FIELD = /^:[A-Za-z]/;
const REST_DIRECTIVE = /^\.\. [\w-]+::/;

/** Whether a docstring line opens a structured part that the section must go before; both lines come trimmed. */
export function isSectionStart(text: string, next: string | undefined): boolean {
  if (WORD_TITLE.test(text)) return true;
  if (text.endsWith(':') && MULTI_WORD_TITLES.has(text.slice(0, -1).toLowerCase())) return true;
  if (next !== undefined && UNDERLINE.test(next) && !UNDERLINE.test(text)) return true;
  return REST_FIELD.test(text) || REST_DIRECTIVE.test(text) || text.startsWith('>>>');
}
