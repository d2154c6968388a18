// Bundles the CLI into dist/ so a commit starts one small file, not a module graph.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry content hashes: clear out the previous build's.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/bin.ts' },
  outdir: 'dist',
  bundle: true,
  // The parser is its own chunk, imported only when a Python file is staged.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // web-tree-sitter finds its .wasm beside its own module, so it stays in node_modules.
  external: ['web-tree-sitter'],
  define: { TXBOUNDARY_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
