import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The top-level statements that are known to parse without a syntax error,
 * by a hash of their text, kept between runs. A staged check parses only the
 * statements the change touches; SPEC §4 still wants a syntax error anywhere
 * else in the file reported (in `errors`). Every statement the change does
 * not touch was in the previous version of the file, which the hook checked
 * when it was committed: when each of them is known to be clean, the file has
 * no other syntax error, without parsing it. Only clean statements are
 * remembered, so a missing or cold cache means a whole-file parse, never a
 * missed error.
 */
export interface CleanBlocks {
  has(hash: string): boolean;
  add(hash: string): void;
  /** Writes what was added, if anything. Never throws: the cache only saves time. */
  save(): Promise<void>;
}

/** Enough for a large repository's Python code; past it the oldest entries go first. */
const MAX_ENTRIES = 200_000;

/** A cache that remembers nothing: `--no-cache`, or no place to keep one. */
export const NO_CACHE: CleanBlocks = Object.freeze({ has: () => false, add: () => {}, save: async () => {} });

/** 128 bits of SHA-1, base64url: 22 characters a statement. */
export function blockHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 22);
}

/**
 * `$XDG_CACHE_HOME/txboundary` or `~/.cache/txboundary`, null when there is
 * no home to put it in. `TXBOUNDARY_CACHE_DIR` overrides both.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TXBOUNDARY_CACHE_DIR) return env.TXBOUNDARY_CACHE_DIR;
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'txboundary');
  // An empty or relative HOME would put the cache in the working tree, which the checker never writes to.
  const home = env.HOME ? env.HOME : homedir();
  return path.isAbsolute(home) ? path.join(home, '.cache', 'txboundary') : null;
}

/**
 * The cache of `parserId` (a grammar of another version parses differently,
 * so each has its own file) in `dir`. An unreadable or absent file is an
 * empty cache.
 */
export async function openCleanBlocks(dir: string, parserId: string): Promise<CleanBlocks> {
  const file = path.join(dir, `clean-blocks-${parserId}.txt`);
  const known: string[] = await readFile(file, 'utf8').then(
    (text) => text.split('\n').filter((line) => line.length === 22),
    () => [],
  );
  const set = new Set(known);
  const added: string[] = [];
  return {
    has: (hash) => set.has(hash),
    add(hash) {
      if (set.has(hash)) return;
      set.add(hash);
      added.push(hash);
    },
    async save() {
      if (added.length === 0) return;
      const entries = [...known, ...added].slice(-MAX_ENTRIES);
      // Written beside and renamed over: a run reading at the same time sees the old file or the new one.
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temporary, `${entries.join('\n')}\n`);
        await rename(temporary, file);
      } catch {
        // A read-only home or a full disk: the next run parses a little more.
        await rm(temporary, { force: true }).catch(() => {});
      }
    },
  };
}
