import { describe, expect, it } from 'vitest';
import { wrap } from '../../../src/suggest/wrap.js';

describe('wrap', () => {
  it('fills lines up to the width, prefix included', () => {
    const text = 'one two three four five six seven eight nine ten';
    expect(wrap(text, '    ', 20)).toEqual(['    one two three', '    four five six', '    seven eight nine', '    ten']);
  });

  it('counts a tab as four columns', () => {
    expect(wrap('aaaa bbbb cccc', '\t', 13)).toEqual(['\taaaa bbbb', '\tcccc']);
  });

  it('gives an over-long word a line of its own', () => {
    expect(wrap('a extraordinarily b', '', 5)).toEqual(['a', 'extraordinarily', 'b']);
  });

  it('never leaves a lone `Word:` on a line', () => {
    const lines = wrap('something long CRITICAL: every call', '', 24);
    expect(lines).toEqual(['something long', 'CRITICAL: every call']);
    expect(wrap('aaaaaaaaaa Note: b', '', 15)).toEqual(['aaaaaaaaaa', 'Note: b']);
  });

  it('returns nothing for blank text', () => {
    expect(wrap('   ', '    ', 79)).toEqual([]);
  });
});
