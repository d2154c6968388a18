import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { globProblem } from '../../../src/config/glob-problem.js';

describe('globProblem', () => {
  it.each([
    '**/*.py',
    'src/services/**',
    'src/{orders,billing}/**/*.py',
    '**/test_*.py',
    '[!_]*.py',
    '[]]*.py',
    'src/@(a|b)/*.py',
    '!(test_*).py',
    './src/**',
    'file\\[1\\].py',
    '**/*_*_*.py',
    '**/a/**/b/**/c/**/*.py',
    'src/[*][*][*][*].py',
    ...DEFAULT_CONFIG.include,
    ...DEFAULT_CONFIG.exclude,
  ])('accepts %s', (glob) => {
    expect(globProblem(glob)).toBeNull();
  });

  it.each([
    ['', 'it is empty'],
    ['  ', 'it is empty'],
    ['!tests/**', 'negation ("!") is not supported: include lists what to check, exclude what to skip'],
    ['/src/**', 'paths are relative to the repository top level; drop the leading "/"'],
    ['../other/**', 'a ".." segment never matches: paths are relative to the repository top level'],
    ['src/', 'it ends in "/" and so matches no file; write "src/**" for everything under that directory'],
    ['src\\services\\*.py', 'separate directories with "/" ("\\" escapes the character after it)'],
    ['src/{a,b', '"{" at column 5 is never closed'],
    ['src/[ab', '"[" at column 5 is never closed'],
    ['src/@(a|b', '"(" at column 6 is never closed'],
    ['src/a}', '"}" at column 6 closes nothing'],
    ['src/{a,b)', '"{" at column 5 is closed by ")"'],
    ['**/*a*a*a*a*a*a*a*a*a*ab.py', '"*a*a*a*a*a*a*a*a*a*ab.py" has 10 "*" wildcards in one path segment, and matching it could take minutes per file; use at most 3 (e.g. "**/*_service.py")'],
    ['**/a/**/b/**/c/**/d/**/*.py', 'it has 5 "**" segments, and matching it could take minutes per file; use at most 4'],
  ])('rejects %j', (glob, reason) => {
    expect(globProblem(glob)).toBe(reason);
  });

  it('only accepts globs picomatch compiles to something that can match', () => {
    for (const glob of ['**/*.py', 'src/{a,b}/*.py', '[!_]*.py']) {
      expect(picomatch.makeRe(glob, { dot: true }).source).not.toBe('$^');
    }
  });
});
