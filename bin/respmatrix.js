#!/usr/bin/env node
// Runs the compiled CLI (npm install / npm run compile writes lib/ from src/).
import { main } from '../lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
