/**
 * When V8 optimises the code of a process that ends with its command (the CLI, bin/respmatrix.js).
 * V8's defaults are made for programs that run for long: a function that has run a little
 * while is compiled again by its optimising compiler (TurboFan), on background threads. A build
 * runs for a second or a few, on a machine whose cores its own threads keep busy, and most of
 * those compilations cost more than they save.
 *
 * V8's flags are the process's, so these settings reach the worker threads too, and V8's code
 * cache (code-cache.ts) is only taken by a process with the flags it was made with: every run
 * sets the same ones before the bundle is compiled, and has them again when it writes the cache.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Four times V8's default budget before a function is considered for optimisation
 * (--interrupt-budget, 67,584 bytes of bytecode run in Node 20): only code that runs long is
 * optimised. Measured on 2 cores against the default, cold builds of the bench's offerings in
 * alternating pairs: 100 offerings 140 ms less wall time (12 of 12 faster; 295 ms less CPU),
 * 1,000 offerings 315 ms less (5 of 8; 1 s less CPU); a one-edit rebuild at 1,000, 40 ms less
 * (7 of 12). Twice the default and eight times were both slower than four at 100 offerings, and
 * eight no faster at 1,000.
 */
const INTERRUPT_BUDGET = 4 * 67_584;

/** At the start of the process, before its code is compiled: optimise only what runs long. */
export function optimiseLater(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * Once a build's pages and files are made, when it goes on to record its output for the next
 * build: optimise nothing more. That record (every file's stamp and key, thousands of them) runs
 * once, so code optimised for it would never run; yet the process waits for every compilation
 * queued before it can end. Measured on one-edit rebuilds of 1,000 offerings, from the record
 * being written to the process being free to exit: 32-90 ms with optimisation on, 2-3 ms with
 * it off (three of four runs; the fourth had compilations already running). A build without the
 * cache records nothing, and ended 7-8 ms after its pages and files either way.
 *
 * Optimisation is on again once nothing is left to run (beforeExit, which comes after those
 * compilations), so the code cache written at exit is made with the flags of the next start.
 */
export function stopOptimising(): void {
  setFlagsFromString('--no-turbofan');
  process.once('beforeExit', () => setFlagsFromString('--turbofan'));
}
