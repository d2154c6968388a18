/**
 * Differential test: generated service-layer modules and staged edits are
 * checked by the TypeScript CLI and by the independent Python reference
 * (test/reference), and every verdict must agree.
 *
 *   TXB_PROPERTY_CASES=2000   how many valid cases to run
 *   TXB_PROPERTY_SEED=...     fast-check seed (fixed by default: CI is reproducible)
 *   TXB_PROPERTY_ONLY=42      run only case 42 of that seed, alone, and print it
 *   TXB_PROPERTY_SHRINK=1     with ONLY: let fast-check shrink the case to a smaller one that still disagrees
 *   TXB_PROPERTY_BATCH=100    cases per repository
 *
 * Compared per case: the sorted `code function @file:line:column` of
 * TXB000–TXB003 (the reference has no TXB004+) and the files in `errors`;
 * per batch: exit status (never 2), JSON on stdout and the summary counts.
 * On failure the report (one example of each kind of disagreement, with
 * both sources and both verdict lists) is printed and written to
 * $TMPDIR/txboundary-differential-<seed>.txt. Generation avoids what the
 * reference documents as out of scope: syntax newer than Python 3.11 and
 * lone CR line endings.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BuiltCase, buildCase, type CaseSpec, caseArb } from './case.js';
import { pythonSyntaxErrors } from './python-syntax.js';
import { type BatchResult, bisectBatch, type CaseVerdicts, crashed, runBatch, summaryDiffers, type Verdict, verdictKeys } from './run-batch.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return value;
}

const CASES = intEnv('TXB_PROPERTY_CASES', 2000);
const SEED = intEnv('TXB_PROPERTY_SEED', 20251127);
const BATCH_SIZE = Math.max(1, intEnv('TXB_PROPERTY_BATCH', 100));
const ONLY = process.env.TXB_PROPERTY_ONLY === undefined ? null : intEnv('TXB_PROPERTY_ONLY', 0);
const SHRINK = process.env.TXB_PROPERTY_SHRINK === '1';

interface Generated {
  /** Run index in fast-check's sequence for SEED (what TXB_PROPERTY_ONLY takes). */
  index: number;
  spec: CaseSpec;
  built: BuiltCase;
}

function caseId(index: number): string {
  return String(index).padStart(5, '0');
}

/** Both versions of every case, or the CPython error that rules the case out. */
async function syntaxVerdicts(cases: Generated[]): Promise<(string | null)[]> {
  const sources = cases.flatMap(({ built }) => [built.headBytes ?? Buffer.alloc(0), built.stagedBytes]);
  const errors = await pythonSyntaxErrors(sources);
  return cases.map((_, i) => errors[2 * i] ?? errors[2 * i + 1] ?? null);
}

/** The first `count` generated cases that CPython accepts, and how many were skipped before them. */
async function generateValid(count: number): Promise<{ cases: Generated[]; skipped: number }> {
  let runs = Math.ceil(count * 1.02) + 5;
  for (;;) {
    const all = fc.sample(caseArb, { seed: SEED, numRuns: runs }).map((spec, index) => ({ index, spec, built: buildCase(spec, caseId(index)) }));
    const errors = await syntaxVerdicts(all);
    const valid = all.filter((_, i) => errors[i] === null);
    if (valid.length >= count || runs >= count * 4) {
      const cases = valid.slice(0, count);
      const last = cases[cases.length - 1]?.index ?? -1;
      return { cases, skipped: last + 1 - cases.length };
    }
    runs *= 2;
  }
}

async function runAll(cases: Generated[]): Promise<{ batches: BatchResult[]; owners: Generated[][] }> {
  const owners: Generated[][] = [];
  for (let i = 0; i < cases.length; i += BATCH_SIZE) owners.push(cases.slice(i, i + BATCH_SIZE));
  const batches: BatchResult[] = new Array(owners.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < owners.length) {
      const b = next++;
      batches[b] = await runBatch((owners[b] as Generated[]).map((c) => c.built));
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), owners.length) }, worker));
  return { batches, owners };
}

function agrees(verdicts: CaseVerdicts): boolean {
  return JSON.stringify(verdictKeys(verdicts.ts)) === JSON.stringify(verdictKeys(verdicts.ref));
}

function numbered(text: string): string {
  return text
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(4)} | ${line}`)
    .join('\n');
}

interface Disagreement {
  generated: Generated;
  verdicts: CaseVerdicts;
  /** Whether the case disagrees when run alone in its own repository (null: not re-run). */
  alone: boolean | null;
  /** Set when only the counts differ (`functionsChecked`, ...): the case run alone, both summaries. */
  summaries?: NonNullable<BatchResult['summaries']>;
}

/** Everything needed to reproduce one disagreement by hand or with TXB_PROPERTY_ONLY. */
function describeDisagreement({ generated, verdicts, alone, summaries }: Disagreement): string {
  const { built, spec, index } = generated;
  const ts = verdictKeys(verdicts.ts);
  const ref = verdictKeys(verdicts.ref);
  const lines = [
    `=== case ${index} of seed ${SEED}: TXB_PROPERTY_SEED=${SEED} TXB_PROPERTY_ONLY=${index} npx vitest run test/property`,
    `file: ${built.headPath ?? '(new file)'} -> ${built.stagedPath}; mode ${spec.fileMode}, working tree ${spec.partial}, ` +
      `encoding ${spec.encoding}, line endings ${spec.lineEnding}; edits: ${spec.edits.map((e) => e.kind).join(', ')}` +
      `${spec.rawEdits.length > 0 ? `; raw: ${spec.rawEdits.map((e) => e.kind).join(', ')}` : ''}`,
    alone === null ? '' : `disagrees when run alone: ${alone ? 'yes' : 'NO (only inside its batch, e.g. rename/copy pairing)'}`,
    summaries ? `verdicts agree but the summaries differ: txboundary ${JSON.stringify(summaries.ts)}, reference ${JSON.stringify(summaries.ref)}` : '',
    `txboundary: ${JSON.stringify(ts)}`,
    `reference:  ${JSON.stringify(ref)}`,
    `only txboundary: ${JSON.stringify(ts.filter((k) => !ref.includes(k)))}`,
    `only reference:  ${JSON.stringify(ref.filter((k) => !ts.includes(k)))}`,
    ...(verdicts.tsErrors.length > 0 ? [`txboundary errors: ${JSON.stringify(verdicts.tsErrors)}`] : []),
    ...(verdicts.refErrors.length > 0 ? [`reference errors: ${JSON.stringify(verdicts.refErrors)}`] : []),
    `--- HEAD ${built.headPath ?? '(none)'} ---`,
    built.headSymlink !== null ? `(a symlink to ${built.headSymlink})` : built.head === null ? '(file is new)' : numbered(built.head),
    `--- STAGED ${built.stagedPath} ---`,
    numbered(built.staged),
    ...(built.work === null ? [] : ['--- WORKING TREE (not staged; must not matter) ---', numbered(built.work)]),
    ...(built.kept === null ? [] : [`--- STAGED ${built.headPath} (the copy source, kept) ---`, numbered(built.kept)]),
    '--- exact texts (JSON) ---',
    `head: ${JSON.stringify(built.head)}`,
    `staged: ${JSON.stringify(built.staged)}`,
  ];
  return lines.filter((line) => line !== '').join('\n');
}

/**
 * A coarse description of how two verdict lists differ (`only txboundary TXB001`,
 * `function, column differ`...), to show one example of each kind.
 */
function shape(verdicts: CaseVerdicts): string {
  const tokens = new Set<string>();
  const describe = (mine: Verdict[], theirs: Verdict[], side: string): void => {
    const theirKeys = verdictKeys(theirs);
    for (const v of mine) {
      if (theirKeys.includes(verdictKeys([v])[0] as string)) continue;
      const twin = theirs.find((t) => t.file === v.file && t.line === v.line);
      if (!twin) {
        tokens.add(`only ${side} ${v.code}`);
        continue;
      }
      const fields = (['code', 'function', 'column'] as const).filter((field) => v[field] !== twin[field]);
      tokens.add(
        fields.length === 0
          ? 'duplicates differ'
          : `${fields.join(', ')} differ${fields.includes('code') ? ` (${side === 'txboundary' ? `${v.code} vs ${twin.code}` : `${twin.code} vs ${v.code}`})` : ''}`,
      );
    }
  };
  describe(verdicts.ts, verdicts.ref, 'txboundary');
  describe(verdicts.ref, verdicts.ts, 'reference');
  return [...tokens].sort().join('; ');
}

function groupByShape(disagreements: Disagreement[]): Map<string, Disagreement[]> {
  const groups = new Map<string, Disagreement[]>();
  for (const d of disagreements) {
    const key = shape(d.verdicts);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return new Map([...groups].sort((a, b) => b[1].length - a[1].length));
}

/** Batches that crash, or whose summaries differ although every verdict agrees, are bisected: at most this many. */
const MAX_BISECTIONS = 3;

async function runAlone(generated: Generated): Promise<BatchResult> {
  return runBatch([generated.built]);
}

function sampleOne(index: number): Generated {
  const spec = fc.sample(caseArb, { seed: SEED, numRuns: index + 1 })[index] as CaseSpec;
  return { index, spec, built: buildCase(spec, caseId(index)) };
}

const maxMinutes = Math.max(5, Math.ceil(CASES / 200));

describe('differential: txboundary vs the Python reference', () => {
  it.runIf(ONLY === null)(
    `agrees on ${CASES} generated staged changes (seed ${SEED})`,
    async () => {
      const started = Date.now();
      const { cases, skipped } = await generateValid(CASES);
      const { batches, owners } = await runAll(cases);

      const problems: string[] = [];
      const disagreements: Disagreement[] = [];
      const countOnly: Disagreement[] = [];
      let bisections = 0;
      for (const [b, batch] of batches.entries()) {
        const batchCases = owners[b] as Generated[];
        const range = `batch ${b} (cases ${batchCases[0]?.index}..${batchCases[batchCases.length - 1]?.index}, seed ${SEED})`;
        const before = disagreements.length;
        batch.perCase.forEach((verdicts, i) => {
          if (!agrees(verdicts)) disagreements.push({ generated: batchCases[i] as Generated, verdicts, alone: null });
        });
        // A crash or the summary is per run: only re-running parts of the batch can blame one case.
        const summaryOnly = batch.problems.filter((p) => p.startsWith('summary differs'));
        for (const problem of batch.problems) if (!summaryOnly.includes(problem)) problems.push(`${range}: ${problem}`);
        if (crashed(batch) && bisections++ < MAX_BISECTIONS) {
          for (const { index, result } of await bisectBatch(
            batchCases.map((c) => c.built),
            crashed,
          )) {
            problems.push(
              `txboundary fails on this case alone (exit ${result.ts.code}):\n${result.ts.stderr.slice(0, 2000)}\n` +
                describeDisagreement({ generated: batchCases[index] as Generated, verdicts: result.perCase[0] as CaseVerdicts, alone: true }),
            );
          }
          continue;
        }
        if (summaryOnly.length === 0 || disagreements.length > before) continue;
        const culprits =
          bisections++ < MAX_BISECTIONS
            ? await bisectBatch(
                batchCases.map((c) => c.built),
                summaryDiffers,
              )
            : [];
        if (culprits.length === 0) problems.push(`${range}: ${summaryOnly.join('; ')}`);
        for (const { index, result } of culprits) {
          const summaries = result.summaries as NonNullable<BatchResult['summaries']>;
          countOnly.push({ generated: batchCases[index] as Generated, verdicts: batch.perCase[index] as CaseVerdicts, alone: true, summaries });
        }
      }
      // One example of each kind of disagreement, the shortest; re-run alone, a case that needs
      // its batch (rename or copy pairing across files) says so.
      const kinds = groupByShape(disagreements);
      const examples = [...kinds.values()].slice(0, 10).map((group) => group.reduce((a, b) => (b.generated.built.staged.length < a.generated.built.staged.length ? b : a)));
      for (const d of examples) {
        const single = await runAlone(d.generated);
        d.alone = !agrees(single.perCase[0] as CaseVerdicts);
      }

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `differential: ${cases.length} cases, ${disagreements.length} disagreements ` +
          `(seed ${SEED}, ${batches.length} batches, ${skipped} generated cases skipped as invalid Python, ${seconds}s` +
          `${countOnly.length > 0 ? `; ${countOnly.length} more cases differ only in summary counts` : ''})`,
      );

      const failed = [...disagreements, ...countOnly];
      const reportFile = join(process.env.TXB_LASTING_TMPDIR ?? tmpdir(), `txboundary-differential-${SEED}.txt`);
      rmSync(reportFile, { force: true });
      if (failed.length > 0 || problems.length > 0) {
        const detailed = [...examples, ...countOnly.slice(0, 2)];
        const report = [
          `seed ${SEED}: ${disagreements.length} of ${cases.length} cases disagree` +
            `${countOnly.length > 0 ? `, ${countOnly.length} differ only in summary counts` : ''}, ${problems.length} other problems.`,
          'Kinds of disagreement (one example of each follows; TXB_PROPERTY_ONLY=<case> shows any case):',
          ...[...kinds].map(([shape, group]) => `  ${shape}: ${group.length} cases (${group.map((d) => d.generated.index).join(', ')})`),
          ...(countOnly.length > 0 ? [`  summary counts only: cases ${countOnly.map((d) => d.generated.index).join(', ')}`] : []),
          ...problems,
          ...detailed.map(describeDisagreement),
        ].join('\n\n');
        writeFileSync(reportFile, report);
        console.log(`${report}\n\n(report written to ${reportFile})`);
        // The assertion message carries the first reproduction in full; the console and the file have the rest.
        const first = problems[0] ?? describeDisagreement(failed[0] as Disagreement);
        expect.soft(problems, first).toEqual([]);
        expect(
          failed.map((d) => `case ${d.generated.index}`),
          `${first}\n\n(${failed.length} disagreeing cases; report in ${reportFile})`,
        ).toEqual([]);
      }
      expect(cases.length).toBe(CASES);
    },
    maxMinutes * 60_000,
  );

  it.runIf(ONLY !== null)(
    `case ${ONLY} of seed ${SEED}, alone${SHRINK ? ', shrunk' : ''}`,
    async () => {
      const generated = sampleOne(ONLY as number);
      const [syntax] = await syntaxVerdicts([generated]);
      if (syntax) console.log(`case ${ONLY} is skipped in normal runs: ${syntax}`);
      const result = await runAlone(generated);
      const verdicts = result.perCase[0] as CaseVerdicts;
      console.log(describeDisagreement({ generated, verdicts, alone: !agrees(verdicts) }));
      if (!SHRINK) {
        expect(result.problems).toEqual([]);
        expect(verdictKeys(verdicts.ts)).toEqual(verdictKeys(verdicts.ref));
        return;
      }
      const details = await fc.check(
        fc.asyncProperty(caseArb, async (spec) => {
          const candidate = { index: ONLY as number, spec, built: buildCase(spec, caseId(ONLY as number)) };
          const [error] = await syntaxVerdicts([candidate]);
          fc.pre(error === null);
          const run = await runAlone(candidate);
          return run.problems.length === 0 && agrees(run.perCase[0] as CaseVerdicts);
        }),
        { seed: SEED, path: String(ONLY), endOnFailure: false },
      );
      if (!details.failed || details.counterexample === null) {
        console.log('fast-check found no failure to shrink.');
        return;
      }
      const [spec] = details.counterexample;
      const shrunk = { index: ONLY as number, spec, built: buildCase(spec, caseId(ONLY as number)) };
      const shrunkRun = await runAlone(shrunk);
      const shrunkVerdicts = shrunkRun.perCase[0] as CaseVerdicts;
      console.log(`--- shrunk after ${details.numShrinks} shrinks ---\n${describeDisagreement({ generated: shrunk, verdicts: shrunkVerdicts, alone: true })}`);
      expect(verdictKeys(shrunkVerdicts.ts)).toEqual(verdictKeys(shrunkVerdicts.ref));
    },
    60 * 60_000,
  );
});
