#!/usr/bin/env node
// Runs the compiled, bundled CLI (npm install / npm run compile writes lib/bundle/ from src/).
import { main } from '../lib/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
