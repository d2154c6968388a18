import { type Changes, isModified } from '../changes.js';
import type { FunctionInfo } from '../types.js';

/** The functions docs/rules.md asks to check: modified, public, and not an overload stub or setter. */
export function selectChecked(functions: readonly FunctionInfo[], changes: Changes): FunctionInfo[] {
  return functions.filter((fn) => fn.isPublic && !fn.isStub && isModified(fn.span, changes));
}
