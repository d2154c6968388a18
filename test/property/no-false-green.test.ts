/**
 * No false green (README, "When txboundary refuses"): generated modules and
 * staged edits, damaged with a syntax error Python reports or bytes that
 * cannot be decoded, near the change or far from it. Whenever txboundary
 * lets a case pass (no blocking finding for its file), the reference,
 * judging with CPython's own tokenizer and compiler (`--unverifiable-blocks`),
 * must agree that nothing blocks. The converse is not asked: txboundary may
 * refuse more than it must.
 *
 *   TXB_GREEN_CASES=2000   how many damaged cases to run
 *   TXB_GREEN_SEED=...     fast-check seed (fixed by default: CI is reproducible)
 *   TXB_GREEN_BATCH=250    cases per repository
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BuiltCase, buildCase, caseArb } from './case.js';
import { type Damage, damageArb, damageCase } from './damage.js';
import { type BatchResult, crashed, runBatch, verdictKeys } from './run-batch.js';
import { pythonSyntaxErrors } from './python-syntax.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

const CASES = intEnv('TXB_GREEN_CASES', 2000);
const SEED = intEnv('TXB_GREEN_SEED', 20261203);
const BATCH_SIZE = intEnv('TXB_GREEN_BATCH', 250);

interface Damaged {
  index: number;
  damage: Damage;
  built: BuiltCase;
}

/** Whether CPython compiles each undamaged source (the damage must be the only error). */
async function compiles(sources: Buffer[]): Promise<boolean[]> {
  return (await pythonSyntaxErrors(sources)).map((error) => error === null);
}

/** The first `count` damaged cases whose undamaged versions compile. */
async function generate(count: number): Promise<Damaged[]> {
  const sampled = fc.sample(fc.tuple(caseArb, damageArb), { seed: SEED, numRuns: Math.ceil(count * 1.6) });
  const candidates = sampled.flatMap(([spec, damage], index) => {
    const clean = buildCase(spec, `g${String(index).padStart(5, '0')}`);
    const built = damageCase(clean, damage);
    return built === null ? [] : [{ index, damage, built, clean }];
  });
  const ok = await compiles(candidates.flatMap(({ clean }) => [clean.headBytes ?? Buffer.from(''), clean.stagedBytes]));
  return candidates.filter((_, i) => ok[2 * i] && ok[2 * i + 1]).slice(0, count);
}

/** The damaged cases txboundary let pass although the reference says something blocks. */
function falseGreens(cases: Damaged[], result: BatchResult): string[] {
  return cases.flatMap((c, i) => {
    const verdicts = result.perCase[i];
    if (!verdicts) return [];
    const blocks = (side: 'ts' | 'ref') => verdicts[side].some((v) => v.code !== 'error');
    if (blocks('ts') || !blocks('ref')) return [];
    return [
      [
        `case ${c.index} (${c.damage.kind}, ${c.damage.place}) ${c.built.stagedPath}: txboundary passed it, the reference blocks`,
        `  reference: ${verdictKeys(verdicts.ref).join('; ')}`,
        `  txboundary errors: ${verdicts.tsErrors.join('; ') || '(none)'}`,
        '--- HEAD ---',
        c.built.headBytes?.toString('utf8') ?? '(none)',
        '--- staged ---',
        c.built.stagedBytes.toString('utf8'),
      ].join('\n'),
    ];
  });
}

describe('no false green: damaged staged changes', { timeout: 600_000 }, () => {
  it(`txboundary never passes what the reference blocks (${CASES} cases, seed ${SEED})`, async () => {
    const cases = await generate(CASES);
    expect(cases.length).toBe(CASES);
    const batches: Damaged[][] = [];
    for (let i = 0; i < cases.length; i += BATCH_SIZE) batches.push(cases.slice(i, i + BATCH_SIZE));
    const problems: string[] = [];
    const tally = { refBlocks: 0, bothPass: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++] as Damaged[];
        const result = await runBatch(
          batch.map((c) => c.built),
          undefined,
          { referenceArgs: ['--unverifiable-blocks'], compareSummaries: false },
        );
        if (crashed(result)) problems.push(`txboundary failed:\n${result.ts.stderr.slice(0, 2000)}`);
        problems.push(...result.problems.filter((p) => !p.startsWith('summary differs')), ...falseGreens(batch, result));
        for (const verdicts of result.perCase) {
          const refBlocks = verdicts.ref.some((v) => v.code !== 'error');
          if (refBlocks) tally.refBlocks++;
          else if (!verdicts.ts.some((v) => v.code !== 'error')) tally.bothPass++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), batches.length) }, worker));
    if (problems.length > 0) {
      const report = join(process.env.TXB_LASTING_TMPDIR ?? tmpdir(), `txboundary-no-false-green-${SEED}.txt`);
      writeFileSync(report, problems.join('\n\n'));
      console.error(`${problems.length} problems; all of them in ${report}`);
    }
    expect(problems.slice(0, 3).join('\n\n')).toBe('');
    // The property has teeth: many damaged cases must block, and some pass on both sides (damage far from the change).
    expect(tally.refBlocks).toBeGreaterThan(CASES / 4);
    expect(tally.bothPass).toBeGreaterThan(CASES / 20);
  });
});
