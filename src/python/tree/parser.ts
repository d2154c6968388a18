import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import { UserError } from '../../errors.js';

const require = createRequire(import.meta.url);

/** Set by scripts/build.mjs in dist/; undefined when the sources run directly. */
declare const TXBOUNDARY_BUNDLED: boolean | undefined;

export interface LoadedParser {
  parser: Parser;
  /** Names the runtime and grammar that parse: a hash of both WebAssembly modules. */
  id: string;
}

let loading: Promise<LoadedParser> | undefined;

/**
 * The Python parser, created on first use and shared for the rest of the process: nothing is loaded at import time,
 * not even the web-tree-sitter module (about 20 ms), so a commit that stages no Python file does not pay for it.
 * A missing or corrupt wasm module throws a UserError naming the file to reinstall.
 */
export function loadParser(): Promise<LoadedParser> {
  loading ??= createParser().catch((error: unknown) => {
    loading = undefined; // let a later call retry instead of caching the failure
    throw error;
  });
  return loading;
}

async function createParser(): Promise<LoadedParser> {
  // web-tree-sitter itself is imported on first use too, and its absence explained.
  const treeSitter = await orWasmError(() => import('web-tree-sitter'), 'web-tree-sitter', 'web-tree-sitter', 'could not be imported');
  const runtimeWasm = resolveWasm('web-tree-sitter', 'web-tree-sitter.wasm');
  const grammarWasm = resolveWasm('tree-sitter-python', 'tree-sitter-python.wasm');
  const [runtimeBytes, grammarBytes] = await Promise.all([readWasm(runtimeWasm, 'web-tree-sitter'), readWasm(grammarWasm, 'tree-sitter-python')]);
  // Handing over the bytes (not letting web-tree-sitter locate its own file) keeps working when the CLI is bundled
  // into one file. The Emscripten runtime would also print its failure to stderr; the error thrown has the same text.
  await orWasmError(() => treeSitter.Parser.init({ wasmBinary: runtimeBytes, printErr: () => {} }), runtimeWasm, 'web-tree-sitter', 'could not be initialised');
  const python = await orWasmError(() => treeSitter.Language.load(grammarBytes), grammarWasm, 'tree-sitter-python', 'is not a usable tree-sitter grammar');
  const parser = new treeSitter.Parser();
  parser.setLanguage(python);
  const id = createHash('sha1').update(runtimeBytes).update(grammarBytes).digest('base64url').slice(0, 12);
  return { parser, id };
}

async function orWasmError<T>(work: () => Promise<T>, path: string, packageName: string, problem: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wasmError(path, packageName, problem, error);
  }
}

/**
 * The built CLI (dist/) carries both wasm files beside its chunks, so an installation needs no dependency;
 * run from source (the tests), they are found in node_modules.
 */
function resolveWasm(packageName: string, fileName: string): string {
  if (typeof TXBOUNDARY_BUNDLED !== 'undefined') return fileURLToPath(new URL(fileName, import.meta.url));
  const specifier = `${packageName}/${fileName}`;
  try {
    return require.resolve(specifier);
  } catch (error) {
    const from = fileURLToPath(new URL('.', import.meta.url));
    throw wasmError(specifier, packageName, `was not found (looked up from ${from})`, error);
  }
}

async function readWasm(path: string, packageName: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw wasmError(path, packageName, missing ? 'was not found' : 'could not be read', error);
  }
}

/** A broken installation, not a bug: the user can fix it, so it is a UserError with the remedy. */
function wasmError(path: string, packageName: string, problem: string, cause: unknown): UserError {
  // First line only: Node appends a multi-line "Require stack" to resolve errors.
  const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  const hint =
    typeof TXBOUNDARY_BUNDLED !== 'undefined'
      ? `the txboundary installation is incomplete: reinstall it (npm install); bypass once with git commit --no-verify`
      : `check that ${packageName} is installed and reinstall the dependencies (npm install); bypass once with git commit --no-verify`;
  return Object.assign(new UserError(`the Python parser cannot start: ${path} ${problem}: ${detail}`, hint), { cause });
}
