// Builds scenario repositories: hermetic git, files written straight to disk,
// one `git add` and one commit per snapshot (fast even for 20,000 files).

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The environment of every process the bench starts: no user or system git
 * config (HOME points at an empty directory, GIT_CONFIG_NOSYSTEM=1), no
 * GIT_* variables inherited from a hook that might be running us (git
 * exports GIT_INDEX_FILE to hooks), and no colour.
 */
export function benchEnv(home) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GIT_') || ['HUSKY', 'FORCE_COLOR', 'NO_COLOR', 'XDG_CONFIG_HOME'].includes(key)) continue;
    env[key] = value;
  }
  mkdirSync(join(home, '.config'), { recursive: true });
  return { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1', LC_ALL: 'C' };
}

/** Runs git in `dir`; returns stdout; throws with the command and git's stderr. */
export function git(dir, env, args) {
  const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed (exit ${result.status}) in ${dir}\n${result.stderr}`);
  return result.stdout;
}

/** A repository on branch main whose settings cannot slow down or change a check. */
export function initRepo(dir, env) {
  mkdirSync(dir, { recursive: true });
  git(dir, env, ['init', '-q', '-b', 'main', '--template=']);
  for (const [key, value] of [
    ['user.name', 'Bench'],
    ['user.email', 'bench@example.invalid'],
    ['commit.gpgSign', 'false'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    ['core.autocrlf', 'false'],
  ]) {
    git(dir, env, ['config', key, value]);
  }
}

/** Writes `files` (repo-relative path → text) into the work tree. */
export function writeFiles(dir, files) {
  const made = new Set();
  for (const [path, text] of files) {
    const target = join(dir, path);
    const parent = dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, text);
  }
}

/** Stages everything in the work tree (one `git add`, however many files). */
export function stageAll(dir, env) {
  git(dir, env, ['add', '-A']);
}

/** Commits everything, with fixed dates so that equal content gives equal commit ids. */
export function commitAll(dir, env, message) {
  stageAll(dir, env);
  const date = '2024-01-01T12:00:00Z';
  git(dir, { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, ['commit', '-q', '--no-verify', '-m', message]);
}

/** Added plus deleted lines of the staged change (`git diff --cached --numstat`). */
export function stagedLineCount(dir, env) {
  let total = 0;
  for (const line of git(dir, env, ['diff', '--cached', '--numstat']).split('\n')) {
    const [added, deleted] = line.split('\t');
    if (added && added !== '-') total += Number(added) + Number(deleted);
  }
  return total;
}
