import { describe, expect, it } from 'vitest';
import { loadParser } from '../../../../src/python/tree/parser.js';
import { readPublicNames } from '../../../../src/python/inventory/public-names.js';
import { moduleStatements } from '../../../../src/python/tree/statements.js';

const { parser } = await loadParser();

/** The `__all__` of a module, as a sorted array, or null when unrestricted. */
function allOf(...lines: string[]): string[] | null {
  const tree = parser.parse(`${lines.join('\n')}\n`);
  if (!tree) throw new Error('no tree');
  try {
    const names = readPublicNames(moduleStatements(tree.rootNode));
    return names ? [...names].sort() : null;
  } finally {
    tree.delete();
  }
}

describe('readPublicNames', () => {
  it('is null without __all__', () => {
    expect(allOf('def f(): pass')).toBeNull();
  });

  it('reads lists, tuples, bare tuples and annotated assignments', () => {
    expect(allOf('__all__ = ["a", \'b\']')).toEqual(['a', 'b']);
    expect(allOf('__all__ = ("a", "b",)')).toEqual(['a', 'b']);
    expect(allOf('__all__ = "a", "b"')).toEqual(['a', 'b']);
    expect(allOf('__all__: list[str] = ["a"]')).toEqual(['a']);
    expect(allOf('__all__ = []')).toEqual([]);
    expect(allOf('__all__ = [', '    "a",  # comment', '    "b" "c",', ']')).toEqual(['a', 'bc']);
  });

  it('lets the last assignment win, and +=, .append("x") and .extend([...]) extend it', () => {
    expect(allOf('__all__ = ["a"]', '__all__ = ["b"]')).toEqual(['b']);
    expect(allOf('__all__ = ["a"]', '__all__ += ["b"]', '__all__ += ("c",)')).toEqual(['a', 'b', 'c']);
    expect(allOf('__all__ = ["a"]', '__all__.extend(["b"])', '__all__.append("c")')).toEqual(['a', 'b', 'c']);
    expect(allOf('__all__ = ["a"]', 'if X:', '    __all__.extend(("b", "c"))')).toEqual(['a', 'b', 'c']);
    // Anything else done to it cannot be read: every name is public then.
    expect(allOf('__all__ = ["a"]', '__all__.remove("a")')).toBeNull();
    expect(allOf('__all__ = ["a"]', '__all__.extend(names)')).toBeNull();
    expect(allOf('__all__ = ["a"]', '__all__.append(name)')).toBeNull();
    expect(allOf('__all__ = ["a"]', 'other.append("b")')).toEqual(['a']);
    expect(allOf('__all__ = _names = ["a"]')).toEqual(['a']);
    expect(allOf('_names = __all__ = ("a", "b")')).toEqual(['a', 'b']);
    expect(allOf('__all__ = ["a"]', '__all__, other = ["b"], 1')).toBeNull();
  });

  it('becomes unknown (no restriction) on anything that is not a literal', () => {
    expect(allOf('__all__ = base.__all__ + ["a"]')).toBeNull();
    expect(allOf('__all__ = ["a"]', '__all__ += other.__all__')).toBeNull();
    expect(allOf('__all__ = [name for name in dir()]')).toBeNull();
    expect(allOf('__all__ = ["a", f"{x}"]')).toBeNull();
    expect(allOf('__all__ = [b"a"]')).toBeNull();
    expect(allOf('__all__ = ("a")')).toBeNull();
    expect(allOf('__all__ = [*base, "a"]')).toBeNull();
  });

  it('recovers when a literal assignment follows an unknown one', () => {
    expect(allOf('__all__ = compute()', '__all__ = ["a"]')).toEqual(['a']);
  });

  it('looks through module-level blocks but not into functions or classes', () => {
    expect(allOf('if x:', '    __all__ = ["a"]', 'else:', '    __all__ = ["b"]')).toEqual(['b']);
    expect(allOf('try:', '    __all__ = ["a"]', 'except ImportError:', '    pass')).toEqual(['a']);
    expect(allOf('def f():', '    __all__ = ["a"]')).toBeNull();
    expect(allOf('class A:', '    __all__ = ["a"]')).toBeNull();
  });

  it('ignores a bare annotation', () => {
    expect(allOf('__all__: list[str]', '__all__ = ["a"]', '__all__: list[str]')).toEqual(['a']);
  });
});
