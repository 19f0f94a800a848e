#!/usr/bin/env node
// Runs the compiled, bundled CLI (npm install / npm run compile writes lib/bundle/ from src/),
// with V8's code cache (src/build/code-cache.ts), optimising only the code that runs long
// (src/build/optimising.ts).
import { optimiseLater } from '../lib/build/optimising.js';
import { requireBundle } from '../lib/build/code-cache.js';

optimiseLater();
process.exitCode = await requireBundle().main(process.argv.slice(2));
// Once nothing is left to do (workers ended, caches written, output flushed), exit without
// freeing the heap piece by piece: with a few hundred megabytes of it, that took the process
// tens of milliseconds after its work was done.
process.once('beforeExit', () => process.exit());
