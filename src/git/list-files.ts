import type { Git } from './exec.js';
import type { DiffEntry } from './parse-raw-diff.js';

const NO_OBJECT = '0'.repeat(40);

/**
 * Every file in the index, shaped like entries added from nothing, so the audit (`check --all`) can reuse the staged
 * pipeline. `git ls-files -s -z` prints one NUL-terminated record per path:
 *
 *     100644 a7bc997ebe8cf84988b83d2e83f1d193124fe593 0\tpkg/orders.py\0
 *
 * Stages 1-3 belong to an unresolved conflict and are left out. Given `paths` (repo-relative), only those are listed;
 * `--literal-pathspecs` keeps git from reading `*` or `:(glob)` in a file name as pattern magic.
 */
export async function listIndexFiles(git: Git, paths: readonly string[] = []): Promise<DiffEntry[]> {
  const only = paths.length > 0 ? ['--', ...paths] : [];
  const { stdout } = await git(['--literal-pathspecs', 'ls-files', '-s', '-z', ...only]);
  const entries: DiffEntry[] = [];
  for (const record of stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', oid = '', stage] = record.slice(0, tab).split(' ');
    if (stage !== '0') continue;
    const path = record.slice(tab + 1);
    entries.push({ status: 'A', oldMode: '000000', newMode: mode, oldOid: NO_OBJECT, newOid: oid, oldPath: path, path });
  }
  return entries;
}
