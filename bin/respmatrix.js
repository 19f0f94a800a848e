#!/usr/bin/env node
// Runs the compiled, bundled CLI (npm install / npm run compile writes lib/bundle/ from src/),
// with V8's code cache (src/build/code-cache.ts).
import { requireBundle } from '../lib/build/code-cache.js';

process.exitCode = await requireBundle().main(process.argv.slice(2));
