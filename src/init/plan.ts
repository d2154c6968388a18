import { type HookManager, type InitAction, type InitPlan, writtenPaths } from './action.js';
import { planGitignore } from './gitignore.js';
import { HOOK_PATH, planHuskyHook } from './husky-hook.js';
import { dependencyRange, hasDependency, type PackageDocument, parsePackageJson, planPackageJson } from './package-json.js';
import { PRE_COMMIT_CONFIG, planPreCommitConfig } from './pre-commit-framework.js';
import { planStarterConfig, STARTER_CONFIG_PATH } from './starter-config.js';

/** The repository as init finds it: each file's text, or null when it does not exist. */
export interface InitState {
  /** The top level's directory name, for a new package.json. */
  dirName: string;
  version: string;
  files: {
    packageJson: string | null;
    gitignore: string | null;
    huskyHook: string | null;
    preCommitConfig: string | null;
    rcFile: string | null;
    pyproject: string | null;
  };
  /** `git config core.hooksPath`, or null when unset. */
  hooksPath: string | null;
  /** Which of `SETUP_FILES` git sees as untracked or changed (e.g. written by an earlier run). */
  uncommitted: readonly string[];
}

/** Every file init may write, in the order its plan lists them: what `uncommitted` is asked about. */
export const SETUP_FILES = ['package.json', '.gitignore', HOOK_PATH, PRE_COMMIT_CONFIG, STARTER_CONFIG_PATH] as const;

/** Where husky 9 points core.hooksPath. */
const HUSKY_HOOKS_PATH = '.husky/_';

/**
 * What `txboundary init` does, decided from the files alone: pure, so every combination is a unit test.
 * Throws a UserError (and nothing is written) when package.json cannot be edited safely. The hook goes to husky,
 * unless the repository uses the Python pre-commit framework and not husky (see `planPreCommitConfig`).
 */
export function planInit(state: InitState): InitPlan {
  const { files } = state;
  const packageJson = files.packageJson === null ? null : { text: files.packageJson, document: parsePackageJson(files.packageJson) };
  const document = packageJson?.document ?? null;
  const manager = chooseManager(state, document);
  const husky = manager === 'husky';

  const actions: InitAction[] = [
    planPackageJson(packageJson, { dirName: state.dirName, version: state.version, husky }),
    planGitignore(files.gitignore),
    husky ? planHuskyHook(files.huskyHook, lintStagedRunsTxboundary(document)) : planPreCommitConfig(files.preCommitConfig ?? ''),
    planStarterConfig(files, document),
  ];
  const manual = new Set(actions.filter((action) => action.kind === 'manual').map((action) => action.path));
  const toCommit = [...new Set([...writtenPaths({ actions }), ...SETUP_FILES.filter((file) => state.uncommitted.includes(file))])].filter((file) => !manual.has(file));
  return { manager, actions, notes: husky ? huskyNotes(state, document) : [], toCommit };
}

function chooseManager(state: InitState, document: PackageDocument | null): HookManager {
  const huskyInUse = state.files.huskyHook !== null || (document !== null && hasDependency(document, 'husky')) || (state.hooksPath?.startsWith('.husky') ?? false);
  return state.files.preCommitConfig !== null && !huskyInUse ? 'pre-commit' : 'husky';
}

/** lint-staged configured in package.json with a task that runs txboundary. */
function lintStagedRunsTxboundary(document: PackageDocument | null): boolean {
  const config = document?.['lint-staged'];
  return config !== undefined && /\btxboundary\b/.test(JSON.stringify(config));
}

function huskyNotes(state: InitState, document: PackageDocument | null): string[] {
  const notes: string[] = [];
  if (state.files.preCommitConfig !== null) {
    notes.push(
      `${PRE_COMMIT_CONFIG} exists, but husky already runs this repository's hooks, so txboundary goes into ${HOOK_PATH}. ` +
        '(The pre-commit framework does not install its hook while husky has set core.hooksPath.)',
    );
  }
  const huskyRange = document && dependencyRange(document, 'husky');
  if (huskyRange && Number(/\d+/.exec(huskyRange)?.[0]) < 9) {
    notes.push(`package.json asks for husky ${huskyRange}; ${HOOK_PATH} is written for husky 9, which runs it with sh from ${HUSKY_HOOKS_PATH}. Upgrade with npm install --save-dev husky@^9.`);
  } else if (state.hooksPath !== null && state.hooksPath !== HUSKY_HOOKS_PATH) {
    notes.push(
      `git config core.hooksPath is ${JSON.stringify(state.hooksPath)}: npm install runs husky, which changes it to ${HUSKY_HOOKS_PATH}, ` +
        `and git stops running the hooks in ${state.hooksPath}. Move them into .husky/ first.`,
    );
  }
  return notes;
}
