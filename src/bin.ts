#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps the compiled code of txboundary between runs (in the
// system's temporary directory), so a hook pays to compile its JavaScript
// once, not on every commit; Node 20 has no such cache. It must be on before
// the rest is loaded, hence this entry that only turns it on.
// The typings of Node 20, the oldest supported, do not know it yet.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

await import('./cli.js');
