/**
 * A build in a process that ends with it (the CLI's `build`) stops V8 from optimising code once
 * its pages and files are made, when it goes on to record its output for the next build. That
 * record (every file's stamp and key, thousands of them) runs once, so code optimised for it
 * would never run; yet V8 compiles it on background threads, and the process waits for every
 * compilation queued before it can end. Measured on one-edit rebuilds of 1,000 offerings, from
 * the record being written to the process being free to exit: 32-90 ms with optimisation on,
 * 2-3 ms with it off (three of four runs; the fourth had compilations already running). A build
 * without the cache records nothing, and ended 7-8 ms after its pages and files either way.
 * V8 reads the flag as it decides, in every thread.
 *
 * Optimisation is on again once nothing is left to run (beforeExit, which comes after those
 * compilations): V8's code cache, written at exit (code-cache.ts), is only taken by a process
 * with the flags it was made with.
 */
import { setFlagsFromString } from 'node:v8';

export function stopOptimising(): void {
  setFlagsFromString('--no-turbofan');
  process.once('beforeExit', () => setFlagsFromString('--turbofan'));
}
