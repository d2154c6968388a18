// npm run accuracy [-- DIR]: how often the suggested pattern agrees with the
// pattern a codebase's authors wrote in their own sections.
//
// DIR (default ../shared/corpus/service-layer, beside this project) is copied,
// its Python files only, into a throw-away git repository; `txboundary check
// --all --format json` audits it; every public function whose section names a
// pattern (A, B or C) is compared with the suggestion, which never reads the
// section. Prints the confusion matrix, the disagreements, and last
// `agreement: NN.N% (n=N)`. With --min PCT it exits 1 below PCT, or when a
// file of DIR (code Python accepts) is refused with TXB000.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const minAt = args.indexOf('--min');
const minimum = minAt >= 0 ? Number(args.splice(minAt, 2)[1]) : null;
const verbose = args.includes('--verbose');
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, '..', 'shared', 'corpus', 'service-layer'));

if (!existsSync(dir)) {
  console.log(`accuracy: skipped, ${dir} does not exist (pass a directory of Python files: npm run accuracy -- DIR)`);
  process.exit(0);
}

const repo = mkdtempSync(join(tmpdir(), 'txboundary-accuracy-'));
try {
  cpSync(dir, repo, { recursive: true, filter: (source) => !/\/\.git(\/|$)/.test(source) });
  const git = (...gitArgs) => run('git', gitArgs);
  git('init', '-q');
  git('add', '--', '*.py');
  const started = performance.now();
  const audit = run(process.execPath, [join(root, 'dist', 'cli.js'), 'check', '--all', '--format', 'json'], [0, 1]);
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(audit.stdout);
  const labelled = report.functions.filter((fn) => fn.documentedPattern !== null);
  const patterns = ['A', 'B', 'C'];
  const matrix = Object.fromEntries(patterns.map((p) => [p, Object.fromEntries(patterns.map((q) => [q, 0]))]));
  for (const fn of labelled) matrix[fn.documentedPattern][fn.suggestedPattern]++;
  const agreed = labelled.filter((fn) => fn.documentedPattern === fn.suggestedPattern);

  console.log(`audited ${report.summary.filesChecked} files, ${report.summary.functionsChecked} public functions in ${seconds.toFixed(2)} s; ${labelled.length} sections name a pattern`);
  console.log('');
  console.log(`documented \\ suggested    ${patterns.map((p) => p.padStart(5)).join('')}`);
  for (const p of patterns) console.log(`${p.padEnd(24)} ${patterns.map((q) => String(matrix[p][q]).padStart(5)).join('')}`);
  const disagreements = labelled.filter((fn) => fn.documentedPattern !== fn.suggestedPattern);
  if (disagreements.length > 0) {
    console.log('');
    console.log('disagreements:');
    for (const fn of disagreements) {
      console.log(`  ${fn.file}:${fn.line} ${fn.function}: documented ${fn.documentedPattern}, suggested ${fn.suggestedPattern}`);
      for (const line of verbose ? fn.evidence : fn.evidence.slice(0, 1)) console.log(`      ${line}`);
    }
  }
  // Code that Python runs must not be refused: any TXB000 here is a false alarm of the syntax checks.
  const refusals = report.violations.filter((v) => v.code === 'TXB000');
  for (const v of refusals) console.log(`false refusal: ${v.file}:${v.line} ${v.message}`);
  const percent = labelled.length === 0 ? 0 : (agreed.length / labelled.length) * 100;
  console.log('');
  reportAgainstLabels(report.functions);
  console.log(`agreement: ${percent.toFixed(1)}% (n=${labelled.length})`);
  if (minimum !== null && percent < minimum) {
    console.error(`accuracy: ${percent.toFixed(1)}% is under the required ${minimum}%`);
    process.exitCode = 1;
  }
  if (minimum !== null && refusals.length > 0) {
    console.error(`accuracy: ${refusals.length} TXB000 on code Python accepts`);
    process.exitCode = 1;
  }
} finally {
  rmSync(repo, { recursive: true, force: true });
}

/**
 * A labelled corpus (a labels.json of {file, function, public, label} beside
 * the code, label read from each section's wording by its curators) is also
 * compared label by label, as a check of txboundary's own reading of the
 * wording: the agreement should not depend on it.
 */
function reportAgainstLabels(functions) {
  const labelsPath = join(dir, 'labels.json');
  if (!existsSync(labelsPath)) return;
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')).filter((entry) => entry.public && ['A', 'B', 'C'].includes(entry.label));
  const suggested = new Map(functions.map((fn) => [`${fn.file}::${fn.function}`, fn.suggestedPattern]));
  const agreed = labels.filter((entry) => suggested.get(`${entry.file}::${entry.function}`) === entry.label).length;
  console.log(`against the curators' labels (labels.json): ${((agreed / Math.max(1, labels.length)) * 100).toFixed(1)}% (n=${labels.length})`);
}

function run(command, commandArgs, okStatuses = [0]) {
  const result = spawnSync(command, commandArgs, { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  if (!okStatuses.includes(result.status)) {
    throw new Error(`${command} ${commandArgs.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
  }
  return result;
}
