// Makes the release commit that git installs use: the packed package (dist/
// built, package.json without scripts or devDependencies) plus
// .pre-commit-hooks.yaml, committed on top of the source commit and tagged.
// The pre-commit framework clones the tag, runs npm install (nothing to
// install) and npm pack (nothing to build): no registry download at all.
//
//   node scripts/release-tree.mjs --tag v0.2.0     then: git push origin v0.2.0
//
// Options:
//   --tag NAME     tag the commit (without it, only the sha is printed)
//   --into DIR     make the commit in the repository at DIR (default: this one),
//                  on top of its HEAD
//   --no-build     pack dist/ as it is (npm pack --ignore-scripts)
//
// The working tree, the index and the branches are left as they are: the tree
// is staged through a temporary index file.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    tag: { type: 'string' },
    into: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const into = resolve(values.into ?? root);
const temp = mkdtempSync(join(tmpdir(), 'txboundary-release-'));

try {
  const packArgs = ['pack', '--json', '--pack-destination', temp, ...(values['no-build'] ? ['--ignore-scripts'] : [])];
  const [{ filename, version }] = JSON.parse(execFileSync('npm', packArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  execFileSync('tar', ['-xzf', join(temp, filename), '-C', temp]);
  const tree = join(temp, 'package');

  // Nothing to install and nothing to build: a git install must not fetch the dev toolchain.
  const manifest = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8'));
  delete manifest.scripts;
  delete manifest.devDependencies;
  writeFileSync(join(tree, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  copyFileSync(join(root, '.pre-commit-hooks.yaml'), join(tree, '.pre-commit-hooks.yaml'));

  const git = (args, env = {}) => execFileSync('git', ['-C', into, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const index = { GIT_INDEX_FILE: join(temp, 'index') };
  // -f: the repository's .gitignore leaves dist/ out of the source branches, not of this tree.
  git(['--work-tree', tree, 'add', '-A', '-f', '.'], index);
  const treeId = git(['write-tree'], index);
  const source = git(['rev-parse', 'HEAD']);
  const message = `txboundary ${version}: the built package, for git installs\n\nBuilt from ${source}.`;
  const commit = git(['commit-tree', treeId, '-p', source, '-m', message]);
  if (values.tag) git(['tag', '-a', values.tag, '-m', `txboundary ${version}`, commit]);
  process.stdout.write(`${commit}\n`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
