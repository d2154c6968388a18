import type { Pattern } from '../types.js';

/** What each pattern means, in the words every message uses. */
export const PATTERN_NAMES: Readonly<Record<Pattern, string>> = { A: 'read-only', B: 'single-step write', C: 'multi-step atomic' };
