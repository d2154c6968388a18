// The scenarios of issues 5 and 12, each a recipe for a repository with something staged.

import { linkedChange } from './linked-modules.mjs';
import { commitAll, initRepo, stageAll, stagedLineCount, writeFiles } from './git-repo.mjs';
import { committedModule, editedModule, lineCount, oneLineEdit } from './service-files.mjs';
import { ENTITIES } from './vocabulary.mjs';

const TYPICAL = ENTITIES.slice(0, 12).map((entity) => `app/services/${entity}_service.py`);

/** S1: twelve ~800-line modules; three staged with 2 + 2 + 1 functions touched. */
function typicalChange() {
  return {
    committed: new Map(TYPICAL.map((path) => [path, committedModule(path, 800)])),
    staged: new Map([
      [TYPICAL[0], editedModule(TYPICAL[0], 800, { count: 2 })],
      [TYPICAL[1], editedModule(TYPICAL[1], 800, { count: 2, dropOne: true })],
      [TYPICAL[2], editedModule(TYPICAL[2], 800, { count: 1 })],
    ]),
  };
}

function oneLineChange() {
  const big = 'app/services/ledger.py';
  const others = TYPICAL.slice(0, 5);
  return {
    committed: new Map([[big, committedModule(big, 5000)], ...others.map((path) => [path, committedModule(path, 800)])]),
    staged: new Map([[big, oneLineEdit(big, 5000)]]),
  };
}

/** S3: S1's change among 20,000 Python files in 200 packages. */
function largeRepoChange() {
  const { committed, staged } = typicalChange();
  for (let i = 0; committed.size < 20_000; i++) {
    const path = `lib/area_${String(Math.floor(i / 100)).padStart(3, '0')}/module_${String(i % 100).padStart(2, '0')}.py`;
    committed.set(path, committedModule(path, 60));
  }
  return { committed, staged };
}

/** S4: `files` staged files, 80% edited ~350-line modules, 20% new ~250-line ones. */
function bigChange(files) {
  const edited = Array.from({ length: files * 0.8 }, (_, i) => `app/modules/m${String(i).padStart(3, '0')}/service.py`);
  const added = Array.from({ length: files * 0.2 }, (_, i) => `app/modules/m${String(i).padStart(3, '0')}/reports.py`);
  const untouched = Array.from({ length: 20 }, (_, i) => `app/shared/helpers_${i}.py`);
  return {
    committed: new Map([...edited, ...untouched].map((path) => [path, committedModule(path, 350)])),
    staged: new Map([...edited.map((path) => [path, editedModule(path, 350, { count: 2, addFunction: true })]), ...added.map((path) => [path, committedModule(path, 250)])]),
  };
}

/** S5: docs and configuration staged beside S1's Python, which stays untouched. */
function noPythonChange() {
  const { committed } = typicalChange();
  committed.set('README.md', '# Shop\n\nOrder, invoice and customer services.\n');
  committed.set('config/settings.yaml', 'database:\n  pool_size: 5\n  echo: false\n');
  return {
    committed,
    staged: new Map([
      ['README.md', '# Shop\n\nOrder, invoice and customer services.\n\nRun `make dev` to start.\n'],
      ['config/settings.yaml', 'database:\n  pool_size: 10\n  echo: false\n'],
      ['docs/changelog.md', '## 1.4.0\n\n- Faster refunds.\n'],
    ]),
  };
}

/** S6: 300 modules, ~150,000 lines, nothing staged: `check --all` reads them all. */
function wholeRepo() {
  const paths = Array.from({ length: 300 }, (_, i) => `app/services/s${String(i).padStart(3, '0')}/module.py`);
  return { committed: new Map(paths.map((path) => [path, committedModule(path, 480)])), staged: new Map() };
}

/**
 * S7 (issue 12): a real-size commit. Three ~3,000-line modules staged with
 * 2 + 2 + 1 functions touched, among three ~800-line modules they call
 * into; every module imports from the others, so the hook reads callee
 * modules as it does in a real service layer.
 */
function realSizeChange() {
  const { committed, staged } = linkedChange([
    { path: 'app/services/checkout.py', lines: 3000, edit: { count: 2 } },
    { path: 'app/services/billing.py', lines: 3000, edit: { count: 2, dropOne: true } },
    { path: 'app/services/fulfilment.py', lines: 3000, edit: { count: 1 } },
    { path: 'app/services/inventory.py', lines: 800 },
    { path: 'app/shared/ledger.py', lines: 800 },
    { path: 'app/shared/notifications.py', lines: 800 },
  ]);
  // Packages, as a real tree has them (imports resolve without them too: docs/suggestion.md).
  for (const init of ['app/__init__.py', 'app/services/__init__.py', 'app/shared/__init__.py']) committed.set(init, '');
  return { committed, staged };
}

/**
 * @typedef {object} Scenario
 * @property {string} id
 * @property {string} title
 * @property {'staged'|'all'} mode     `check` or `check --all`
 * @property {boolean} heavy           fewer timed runs
 * @property {string[]} companions     scenarios whose txboundary run joins this one's rounds,
 *                                     so a cross-scenario ratio is measured under the same load
 * @property {boolean} [auxiliary]     only a companion, never measured on its own
 * @property {boolean} [spawnFloor]    also time node spawning one git process, the floor of any Node.js hook
 * @property {() => {committed: Map<string,string>, staged: Map<string,string>}} files
 */

/** @type {Scenario[]} */
export const SCENARIOS = [
  { id: 'S1', title: 'typical commit: 3 staged files of ~800 lines, 5 functions modified', mode: 'staged', heavy: false, companions: [], files: typicalChange },
  { id: 'S2', title: 'one changed line in a 5,000-line file', mode: 'staged', heavy: false, companions: [], files: oneLineChange },
  { id: 'S3', title: 'S1 inside a repository of 20,000 Python files', mode: 'staged', heavy: false, companions: ['S1'], files: largeRepoChange },
  { id: 'S4', title: 'a big commit: 200 staged files', mode: 'staged', heavy: true, companions: ['S4h', 'S1'], files: () => bigChange(200) },
  { id: 'S4h', title: 'S4 at half size (100 staged files), for the linearity check', mode: 'staged', heavy: true, companions: [], auxiliary: true, files: () => bigChange(100) },
  { id: 'S5', title: 'a commit with no Python file staged', mode: 'staged', heavy: false, companions: [], spawnFloor: true, files: noPythonChange },
  { id: 'S6', title: '`check --all` over 300 files (~150,000 lines)', mode: 'all', heavy: true, companions: [], files: wholeRepo },
  {
    id: 'S7',
    title: 'real-size commit: 3 staged files of ~3,000 lines, 5 functions modified, 6 modules that call one another',
    mode: 'staged',
    heavy: false,
    companions: [],
    files: realSizeChange,
  },
];

/**
 * Creates the scenario's repository in `dir`: one commit, then the staged
 * change. Returns the sizes the report needs.
 */
export function buildScenario(scenario, dir, env) {
  const { committed, staged } = scenario.files();
  initRepo(dir, env);
  writeFiles(dir, committed);
  commitAll(dir, env, 'Service layer as of the last release');
  writeFiles(dir, staged);
  stageAll(dir, env);
  const checked = scenario.mode === 'all' ? committed : staged;
  const python = [...checked].filter(([path]) => path.endsWith('.py'));
  return {
    pythonFilesInRepo: [...new Set([...committed.keys(), ...staged.keys()])].filter((path) => path.endsWith('.py')).length,
    stagedFiles: staged.size,
    stagedLines: stagedLineCount(dir, env),
    checkedFiles: python.length,
    checkedLines: python.reduce((sum, [, text]) => sum + lineCount(text), 0),
  };
}
