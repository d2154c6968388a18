/**
 * The analysis core over an in-memory repository: one checked file and the
 * modules its functions may call into, read the way `check-files` reads them
 * from git (every body, with the outline), without git.
 */
import { EffectAnalysis } from '../../src/effects/evaluate.js';
import { isWanted, loadProgram, type Program } from '../../src/effects/program.js';
import { loadAnalyzer } from '../../src/python/inventory/analyze.js';
import type { ModuleInfo } from '../../src/types.js';

const analyze = await loadAnalyzer();

export interface InMemoryProgram {
  module: ModuleInfo;
  program: Program;
  effects: EffectAnalysis;
  /** Every path the loader asked for, round by round. */
  reads: string[][];
}

export async function analyzeInMemory(path: string, source: string, files: Record<string, string> = {}): Promise<InMemoryProgram> {
  const options = { respectAll: true, outline: true };
  const module = analyze(source, options);
  const reads: string[][] = [];
  const program = await loadProgram(
    module.functions.map((fn) => ({ file: path, fn })),
    {
      checked: new Map([[path, module]]),
      load: async (requests) => {
        reads.push([...requests.keys()]);
        return new Map(
          [...requests].map(([p, bodies]) => {
            const text = files[p] ?? (p === path ? source : undefined);
            const needsFacts = (span: { start: number; end: number }, name: string) => isWanted(bodies, span, name);
            return [p, text === undefined ? null : analyze(text, { ...options, needsFacts })];
          }),
        );
      },
      section: 'Transaction boundary',
    },
  );
  return { module, program, effects: new EffectAnalysis(program.resolve), reads };
}
