/**
 * Precision and recall of TXB004–TXB006 on a generated service layer (36
 * modules in the style of docs/suggestion.md, clean code and planted defects, see
 * test/helpers/service-corpus.ts), checked with `--all` in a real repository.
 *
 * Clean and planted templates must come out exactly as labelled; the "hard"
 * templates are realistic code the heuristics are known to get wrong, and
 * are what keeps precision and recall below 1. The figures are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type GitRepo } from '../../helpers/git-repo.js';
import { runCheckJson } from '../../helpers/run-cli.js';
import { type BodyCode, type Corpus, generateCorpus, TEMPLATE_KINDS } from '../../helpers/service-corpus.js';

const CODES: BodyCode[] = ['TXB004', 'TXB005', 'TXB006'];

interface Score {
  hits: number;
  falseAlarms: string[];
  misses: string[];
}

let repo: GitRepo;
let corpus: Corpus;
let scores: Record<BodyCode, Score>;
let seconds: number;

beforeAll(() => {
  corpus = generateCorpus();
  repo = createRepo({ files: corpus.files, commit: 'service layer' });
  const started = performance.now();
  const run = runCheckJson(repo.dir, ['--all']);
  seconds = (performance.now() - started) / 1000;
  expect(run.json.errors).toEqual([]);

  const expected = new Map(corpus.functions.map((f) => [`${f.file}:${f.function}`, f]));
  const found = new Set(run.json.violations.filter((v) => CODES.includes(v.code as BodyCode)).map((v) => `${v.code} ${v.file}:${v.function}`));
  scores = Object.fromEntries(CODES.map((code) => [code, { hits: 0, falseAlarms: [], misses: [] }])) as unknown as Record<BodyCode, Score>;
  for (const f of corpus.functions) {
    for (const code of CODES) {
      const key = `${code} ${f.file}:${f.function}`;
      const score = scores[code];
      const label = `${f.function} [${f.template}]`;
      if (f.expected.includes(code) && found.has(key)) score.hits++;
      else if (f.expected.includes(code)) score.misses.push(label);
      else if (found.has(key)) score.falseAlarms.push(label);
    }
  }
  // A finding on a function the corpus does not list (a helper it generated) is a false alarm too.
  for (const key of found) {
    const [code, where] = key.split(' ') as [BodyCode, string];
    if (!expected.has(where)) scores[code].falseAlarms.push(`${where} [unlisted]`);
  }
}, 120_000);
afterAll(() => repo.cleanup());

const precision = ({ hits, falseAlarms }: Score) => (hits + falseAlarms.length === 0 ? 1 : hits / (hits + falseAlarms.length));
const recall = ({ hits, misses }: Score) => (hits + misses.length === 0 ? 1 : hits / (hits + misses.length));

describe('TXB004–TXB006 on a generated service layer', () => {
  it('is large enough to mean something', () => {
    const modules = new Set(corpus.functions.map((f) => f.file)).size;
    expect(modules).toBeGreaterThanOrEqual(30);
    expect(corpus.functions.length).toBeGreaterThanOrEqual(200);
    for (const code of CODES) expect(corpus.functions.filter((f) => f.expected.includes(code)).length, code).toBeGreaterThanOrEqual(15);
  });

  it('reports its figures', () => {
    const planted = corpus.functions.filter((f) => f.expected.length > 0).length;
    const lines = [
      `corpus: ${new Set(corpus.functions.map((f) => f.file)).size} modules, ${corpus.functions.length} functions, ${planted} with planted defects; --all took ${seconds.toFixed(2)} s`,
      'rule    hits  false alarms  misses  precision  recall',
      ...CODES.map((code) => {
        const s = scores[code];
        return `${code}  ${String(s.hits).padStart(4)}  ${String(s.falseAlarms.length).padStart(12)}  ${String(s.misses.length).padStart(6)}  ${precision(s).toFixed(3).padStart(9)}  ${recall(s).toFixed(3).padStart(6)}`;
      }),
      ...CODES.flatMap((code) => [...scores[code].falseAlarms.map((f) => `  ${code} false alarm: ${f}`), ...scores[code].misses.map((f) => `  ${code} miss: ${f}`)]),
    ];
    console.log(lines.join('\n'));
  });

  it('gets every clean and planted template right; only the hard ones go wrong', () => {
    for (const code of CODES) {
      const wrong = [...scores[code].falseAlarms, ...scores[code].misses];
      const unexpected = wrong.filter((label) => TEMPLATE_KINDS[/\[(.*)\]$/.exec(label)?.[1] ?? ''] !== 'hard');
      expect(unexpected, code).toEqual([]);
    }
  });

  it('keeps precision and recall of each rule at 0.9 or better', () => {
    for (const code of CODES) {
      expect(precision(scores[code]), `${code} precision`).toBeGreaterThanOrEqual(0.9);
      expect(recall(scores[code]), `${code} recall`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
