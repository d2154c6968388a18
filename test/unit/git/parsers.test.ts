import { describe, expect, it } from 'vitest';
import { parsePatch } from '../../../src/git/parse-patch.js';
import { parseRawDiff } from '../../../src/git/parse-raw-diff.js';
import { unquotePath } from '../../../src/git/unquote-path.js';

describe('parseRawDiff', () => {
  it('reads one path per entry, two for renames and copies', () => {
    const z = '\0';
    const output = [
      ':000000 100644 0000000000000000000000000000000000000000 bca70f35318f31dd1d1d1d2d2e64c19b880899ff A',
      'new file.py',
      ':100644 100644 de980441c3ab03a8c07dda1ad27b8a11f39deb1e a7bc997ebe8cf84988b83d2e83f1d193124fe593 R050',
      'x y.py',
      'line\nbreak.py',
      '',
    ].join(z);
    expect(parseRawDiff(output)).toEqual([
      {
        status: 'A',
        oldMode: '000000',
        newMode: '100644',
        oldOid: '0000000000000000000000000000000000000000',
        newOid: 'bca70f35318f31dd1d1d1d2d2e64c19b880899ff',
        oldPath: 'new file.py',
        path: 'new file.py',
      },
      {
        status: 'R',
        oldMode: '100644',
        newMode: '100644',
        oldOid: 'de980441c3ab03a8c07dda1ad27b8a11f39deb1e',
        newOid: 'a7bc997ebe8cf84988b83d2e83f1d193124fe593',
        oldPath: 'x y.py',
        path: 'line\nbreak.py',
      },
    ]);
  });

  it('rejects output it does not understand', () => {
    expect(() => parseRawDiff('garbage\0')).toThrow(/unexpected line/);
  });
});

describe('unquotePath', () => {
  it('decodes octal UTF-8 bytes and C escapes', () => {
    expect(unquotePath('"b/\\303\\274 y.py"')).toBe('b/ü y.py');
    expect(unquotePath('"b/tab\\there\\nnew\\"q\\\\.py"')).toBe('b/tab\there\nnew"q\\.py');
  });

  it('leaves unquoted paths alone', () => {
    expect(unquotePath('b/plain.py')).toBe('b/plain.py');
  });
});

describe('parsePatch', () => {
  it('collects added ranges and pure deletions by new path', () => {
    const patch = [
      'diff --git a/x y.py b/z.py',
      'similarity index 50%',
      'rename from x y.py',
      'rename to z.py',
      'index de98044..a7bc997 100644',
      '--- a/x y.py\t',
      '+++ b/z.py',
      '@@ -2 +2 @@ def f():',
      '-b',
      '+B',
      '@@ -7,2 +6,0 @@ class K:',
      '-c',
      '-d',
      '@@ -10,0 +9,3 @@',
      '+e',
      '+f',
      '+g',
      'diff --git "a/\\303\\274.py" "b/\\303\\274.py"',
      '--- "a/\\303\\274.py"',
      '+++ "b/\\303\\274.py"',
      '@@ -1 +1 @@',
      '-old',
      '\\ No newline at end of file',
      '+new',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    const files = parsePatch(patch);
    expect(files.get('z.py')).toEqual({
      added: [
        { start: 2, end: 2 },
        { start: 9, end: 11 },
      ],
      deletedAfter: [6],
    });
    expect(files.get('ü.py')).toEqual({ added: [{ start: 1, end: 1 }], deletedAfter: [] });
  });

  it('does not take a hunk line that looks like a header for one', () => {
    const patch = ['--- a/a.py', '+++ b/a.py', '@@ -1,0 +1,2 @@', '+++ b/evil.py', '+@@ -1 +1 @@', ''].join('\n');
    const files = parsePatch(patch);
    expect([...files.keys()]).toEqual(['a.py']);
    expect(files.get('a.py')?.added).toEqual([{ start: 1, end: 2 }]);
  });

  it('ignores deleted files', () => {
    const patch = ['--- a/gone.py', '+++ /dev/null', '@@ -1,2 +0,0 @@', '-a', '-b', ''].join('\n');
    expect(parsePatch(patch).size).toBe(0);
  });
});
