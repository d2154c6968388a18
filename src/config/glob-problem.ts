import picomatch from 'picomatch';

const PAIRS: Readonly<Record<string, string>> = { '{': '}', '(': ')', '[': ']' };
const CLOSERS: Readonly<Record<string, string>> = { '}': '{', ')': '(', ']': '[' };
/** Characters a backslash may escape; before anything else it is a Windows path separator by mistake. */
const SPECIAL = new Set('*?[]{}()!+@|\\,.-^$'.split(''));

/**
 * Why `glob` cannot be what the user meant, or null when it is fine. Globs are matched with picomatch against repo-relative
 * paths that use `/` (see `selectFiles`): one that can never match such a path is an error, not a silent no-op.
 */
export function globProblem(glob: string): string | null {
  if (glob.trim() === '') return 'it is empty';
  if (glob.startsWith('!') && !glob.startsWith('!(')) return 'negation ("!") is not supported: include lists what to check, exclude what to skip';
  if (glob.startsWith('/')) return 'paths are relative to the repository top level; drop the leading "/"';
  if (glob.split('/').includes('..')) return 'a ".." segment never matches: paths are relative to the repository top level';
  if (glob.endsWith('/')) return `it ends in "/" and so matches no file; write "${glob}**" for everything under that directory`;
  const backslash = /\\(.)/.exec(glob);
  if (backslash?.[1] !== undefined && !SPECIAL.has(backslash[1])) {
    return 'separate directories with "/" ("\\" escapes the character after it)';
  }
  const unbalanced = bracketProblem(glob);
  if (unbalanced) return unbalanced;
  const slow = costProblem(glob);
  if (slow) return slow;
  try {
    // picomatch compiles what it cannot make sense of to a regex that matches nothing.
    if (picomatch.makeRe(glob, { dot: true }).source === '$^') return 'picomatch cannot compile it, so it would match nothing';
  } catch (error) {
    return `picomatch rejects it: ${(error as Error).message}`;
  }
  return null;
}

/**
 * picomatch turns each `*` of a path segment into a lazy `[^/]*?` and each `**` segment into a lazy group: a file name that
 * almost matches makes the regular expression try every way of splitting it, a cost of the name's length to the power of the
 * number of wildcards (`**\/*a*a*a*a*a*a*a*a*a*ab.py` takes 12 s on a 40-character name).
 * Real patterns need a few; past these limits the pattern is refused.
 */
const MAX_STARS_PER_SEGMENT = 3;
const MAX_GLOBSTARS = 4;

function costProblem(glob: string): string | null {
  const segments = glob.split('/');
  const globstars = segments.filter((segment) => segment === '**').length;
  if (globstars > MAX_GLOBSTARS) {
    return `it has ${globstars} "**" segments, and matching it could take minutes per file; use at most ${MAX_GLOBSTARS}`;
  }
  for (const segment of segments) {
    if (segment === '**') continue;
    // Escaped characters and character classes hold no wildcard.
    const stars =
      segment
        .replace(/\\./g, '')
        .replace(/\[[^\]]*\]/g, '')
        .match(/\*+/g)?.length ?? 0;
    if (stars > MAX_STARS_PER_SEGMENT) {
      return `"${segment}" has ${stars} "*" wildcards in one path segment, and matching it could take minutes per file; use at most ${MAX_STARS_PER_SEGMENT} (e.g. "**/*_service.py")`;
    }
  }
  return null;
}

/** The first `{`, `(` or `[` never closed, or closer with nothing open; columns are 1-based. */
function bracketProblem(glob: string): string | null {
  const open: { char: string; column: number }[] = [];
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '\\') {
      i++;
    } else if (char === '[') {
      // A character class: nothing inside it nests, and `]` right after `[` or `[!` is literal.
      let end = i + 1;
      if (glob[end] === '!' || glob[end] === '^') end++;
      if (glob[end] === ']') end++;
      while (end < glob.length && glob[end] !== ']') end += glob[end] === '\\' ? 2 : 1;
      if (end >= glob.length) return `"[" at column ${i + 1} is never closed`;
      i = end;
    } else if (char in PAIRS) {
      open.push({ char, column: i + 1 });
    } else if (char in CLOSERS) {
      const last = open.pop();
      if (last?.char !== CLOSERS[char]) {
        return last ? `"${last.char}" at column ${last.column} is closed by "${char}"` : `"${char}" at column ${i + 1} closes nothing`;
      }
    }
  }
  const unclosed = open.at(-1);
  return unclosed ? `"${unclosed.char}" at column ${unclosed.column} is never closed` : null;
}
