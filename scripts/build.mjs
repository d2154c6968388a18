// Builds dist/, the whole runtime of the package: the CLI bundled into small
// chunks, web-tree-sitter's runtime (js + wasm) and the Python grammar's wasm.
// Users install no dependency at all, and nothing with an install script.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist/', import.meta.url);

// Copied verbatim beside the chunks: the parser loads them from its own folder.
const RUNTIME_FILES = [
  ['web-tree-sitter/web-tree-sitter.js', 'web-tree-sitter.js'],
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
];

// Everything of theirs that ends up in dist/, bundled or copied: their licences ship with it.
const SHIPPED_PACKAGES = ['web-tree-sitter', 'tree-sitter-python', 'diff', 'picocolors', 'picomatch', 'smol-toml'];

// Chunk names carry content hashes: clear out the previous build's.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  // The parser is its own chunk, imported only when a Python file is staged.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [webTreeSitterBesideChunks()],
  define: { TXBOUNDARY_VERSION: JSON.stringify(version), TXBOUNDARY_BUNDLED: 'true' },
  logLevel: 'warning',
});

for (const [from, name] of RUNTIME_FILES) copyFileSync(new URL(`../node_modules/${from}`, import.meta.url), new URL(name, dist));
writeFileSync(new URL('THIRD-PARTY-LICENSES.txt', dist), SHIPPED_PACKAGES.map(licenseOf).join('\n'));

/**
 * web-tree-sitter stays a file of its own (dist/web-tree-sitter.js, as
 * published): every chunk sits in dist/, so `./web-tree-sitter.js` finds it.
 */
function webTreeSitterBesideChunks() {
  return {
    name: 'web-tree-sitter-beside-chunks',
    setup(build) {
      build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: './web-tree-sitter.js', external: true }));
    },
  };
}

function licenseOf(name) {
  const folder = fileURLToPath(new URL(`../node_modules/${name}/`, import.meta.url));
  const { version: packageVersion } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const text = readFileSync(join(folder, 'LICENSE'), 'utf8').trim();
  return `${name}@${packageVersion}\n${'='.repeat(name.length + packageVersion.length + 1)}\n\n${text}\n`;
}
