import { describe, expect, it } from 'vitest';
import { isModified, WHOLE_FILE } from '../../../src/changes.js';
import { selectFiles } from '../../../src/check/select-files.js';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import type { DiffEntry } from '../../../src/git/parse-raw-diff.js';

const span = { start: 10, end: 20 };
const none = { added: [], deletedAfter: [] };

describe('isModified (docs/rules.md)', () => {
  it('counts an added line inside the span, decorators included', () => {
    expect(isModified(span, { ...none, added: [{ start: 10, end: 10 }] })).toBe(true);
    expect(isModified(span, { ...none, added: [{ start: 20, end: 25 }] })).toBe(true);
    expect(isModified(span, { ...none, added: [{ start: 21, end: 30 }] })).toBe(false);
    expect(isModified(span, { ...none, added: [{ start: 1, end: 9 }] })).toBe(false);
  });

  it('counts a pure deletion after line c when start <= c < end', () => {
    expect(isModified(span, { ...none, deletedAfter: [10] })).toBe(true);
    expect(isModified(span, { ...none, deletedAfter: [19] })).toBe(true);
    expect(isModified(span, { ...none, deletedAfter: [20] })).toBe(false);
    expect(isModified(span, { ...none, deletedAfter: [9] })).toBe(false);
  });

  it('treats every function of a new file as modified', () => {
    expect(isModified(span, WHOLE_FILE)).toBe(true);
  });
});

describe('selectFiles', () => {
  const entry = (path: string, overrides: Partial<DiffEntry> = {}): DiffEntry => ({
    status: 'M',
    oldMode: '100644',
    newMode: '100644',
    oldOid: 'a',
    newOid: 'b',
    oldPath: path,
    path,
    ...overrides,
  });
  const filter = { include: DEFAULT_CONFIG.include, exclude: DEFAULT_CONFIG.exclude, only: [] };

  it('keeps regular Python files that are added, modified, renamed, copied or type-changed', () => {
    const entries = ['A', 'M', 'R', 'C', 'T', 'D', 'U'].map((status) => entry(`${status}.py`, { status }));
    expect(selectFiles(entries, filter).map((e) => e.status)).toEqual(['A', 'M', 'R', 'C', 'T']);
  });

  it('skips symlinks, submodules, other extensions and default test files', () => {
    const entries = [
      entry('link.py', { newMode: '120000' }),
      entry('sub.py', { newMode: '160000' }),
      entry('notes.txt'),
      entry('pkg/test_a.py'),
      entry('pkg/a_test.py'),
      entry('pkg/tests/helpers.py'),
      entry('conftest.py'),
      entry('run.py', { newMode: '100755' }),
    ];
    expect(selectFiles(entries, filter).map((e) => e.path)).toEqual(['run.py']);
  });

  it('restricts to the requested files and directories', () => {
    const entries = [entry('a/x.py'), entry('a/y.py'), entry('ab/z.py')];
    expect(selectFiles(entries, { ...filter, only: ['a'] }).map((e) => e.path)).toEqual(['a/x.py', 'a/y.py']);
    expect(selectFiles(entries, { ...filter, only: ['ab/z.py'] }).map((e) => e.path)).toEqual(['ab/z.py']);
  });
});
