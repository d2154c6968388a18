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

/** 16 bytes of SHA-1 in hex: the key of a statement's text. */
export function blockHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, HASH_BYTES * 2);
}

/** A cache that remembers nothing: `--no-cache`, or no place to keep one. */
export const NO_CACHE: CleanBlocks = Object.freeze({ has: () => false, add: () => {}, save: async () => {} });

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
 * The file: `MAGIC`, then entries sorted by hash, each the 16-byte hash and
 * the day (since 1970, 4 bytes) it was added. Looked up in place by binary
 * search: a run reads the file once and parses nothing, however large it is.
 */
const MAGIC = Buffer.from('txbclean1\n');
const HASH_BYTES = 16;
const ENTRY_BYTES = HASH_BYTES + 4;
/** About 2 MB. Past it, the oldest entries go, down to `KEPT_AFTER_TRIM` of it. */
const MAX_ENTRIES = 100_000;
const KEPT_AFTER_TRIM = 0.8;

/**
 * The cache of `parserId` (a grammar of another version parses differently,
 * so each has its own file) in `dir`. An unreadable, absent or malformed
 * file is an empty cache.
 */
export async function openCleanBlocks(dir: string, parserId: string): Promise<CleanBlocks> {
  const file = path.join(dir, `clean-blocks-${parserId}.bin`);
  const entries = await readFile(file).then(validEntries, () => Buffer.alloc(0));
  const added = new Map<string, Buffer>();
  const has = (hash: string) => added.has(hash) || (hash.length === HASH_BYTES * 2 && indexOf(entries, Buffer.from(hash, 'hex')) >= 0);
  return {
    has,
    add(hash) {
      if (!has(hash)) added.set(hash, Buffer.from(hash, 'hex'));
    },
    async save() {
      if (added.size === 0) return;
      const today = Math.floor(Date.now() / 86_400_000);
      const fresh = [...added.values()].map((hash) => {
        const entry = Buffer.alloc(ENTRY_BYTES);
        hash.copy(entry);
        entry.writeUInt32BE(today, HASH_BYTES);
        return entry;
      });
      const merged = trimmed(merge(entries, fresh));
      const bytes = Buffer.concat([MAGIC, merged], MAGIC.length + merged.length);
      // Written beside and renamed over: a run reading at the same time sees the old file or the new one.
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temporary, bytes);
        await rename(temporary, file);
      } catch {
        // A read-only home or a full disk: the next run parses a little more.
        await rm(temporary, { force: true }).catch(() => {});
      }
    },
  };
}

function validEntries(file: Buffer): Buffer {
  const body = file.subarray(MAGIC.length);
  const valid = file.subarray(0, MAGIC.length).equals(MAGIC) && body.length % ENTRY_BYTES === 0;
  return valid ? body : Buffer.alloc(0);
}

function compareHash(entries: Buffer, index: number, hash: Buffer): number {
  return entries.compare(hash, 0, HASH_BYTES, index * ENTRY_BYTES, index * ENTRY_BYTES + HASH_BYTES);
}

/** The index of `hash` in the sorted `entries`, or -1. */
function indexOf(entries: Buffer, hash: Buffer): number {
  const at = lowerBound(entries, hash);
  return at < entries.length / ENTRY_BYTES && compareHash(entries, at, hash) === 0 ? at : -1;
}

/** The first index whose hash is not below `hash`. */
function lowerBound(entries: Buffer, hash: Buffer): number {
  let low = 0;
  let high = entries.length / ENTRY_BYTES;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareHash(entries, middle, hash) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The sorted entries with the new ones (not among them) merged in: a copy of each run between them. */
function merge(entries: Buffer, fresh: Buffer[]): Buffer {
  fresh.sort((a, b) => a.compare(b, 0, HASH_BYTES, 0, HASH_BYTES));
  const out = Buffer.allocUnsafe(entries.length + fresh.length * ENTRY_BYTES);
  let at = 0;
  let from = 0;
  for (const entry of fresh) {
    const until = lowerBound(entries, entry) * ENTRY_BYTES;
    at += entries.copy(out, at, from, until);
    at += entry.copy(out, at);
    from = until;
  }
  entries.copy(out, at, from);
  return out;
}

/** Past `MAX_ENTRIES`, keeps the newest `KEPT_AFTER_TRIM` of them, still sorted by hash. */
function trimmed(entries: Buffer): Buffer {
  const count = entries.length / ENTRY_BYTES;
  if (count <= MAX_ENTRIES) return entries;
  const days = Array.from({ length: count }, (_, i) => entries.readUInt32BE(i * ENTRY_BYTES + HASH_BYTES)).sort((a, b) => b - a);
  const cutoff = days[Math.floor(MAX_ENTRIES * KEPT_AFTER_TRIM) - 1] as number;
  const kept: Buffer[] = [];
  for (let i = 0; i < count && kept.length < MAX_ENTRIES * KEPT_AFTER_TRIM; i++) {
    if (entries.readUInt32BE(i * ENTRY_BYTES + HASH_BYTES) >= cutoff) kept.push(entries.subarray(i * ENTRY_BYTES, (i + 1) * ENTRY_BYTES));
  }
  return Buffer.concat(kept);
}
