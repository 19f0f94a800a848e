/**
 * src/build/optimising.ts, in fresh processes as the CLI runs it: optimiseLater leaves a function
 * that has run a little unoptimised, where V8's defaults would optimise it; stopOptimising turns
 * V8's optimising compiler off for the rest of a process, and on again before it exits: code
 * cached at exit (code-cache.ts) while it is off is code the next process would reject.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { repo } from '../cli/helpers.js';

const optimising = JSON.stringify(pathToFileURL(path.join(repo, 'lib', 'build', 'optimising.js')).href);
/** Two scripts: the same one twice would come from the process's own compilation cache the second time. */
const SOURCES = { during: 'function f(x) { return x + 1 } f(1)', after: 'function g(x) { return x + 2 } g(1)' };

/** Runs `script` (an ES module) in a fresh Node process, with `flags`; its stdout. */
function run(script: string, flags: string[] = []): string {
  const result = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

test('a function run 500 times is marked for optimisation with V8 defaults, and not after optimiseLater', () => {
  const marked = (later: boolean) => {
    const trace = run(`
      import { optimiseLater } from ${optimising};
      if (${later}) optimiseLater();
      function work(n) { let s = 0; for (let i = 0; i < 10; i++) s += (n * i) % 7; return s; }
      let total = 0;
      for (let i = 0; i < 500; i++) total += work(i);
      console.log(total);
    `, ['--trace-opt']);
    return trace.split('\n').some((line) => line.startsWith('[marking') && line.includes('<JSFunction work '));
  };
  expect({ defaults: marked(false), later: marked(true) }).toEqual({ defaults: true, later: false });
});

test('code cached once the process is done is taken by the next process; cached while optimising is off, it is not', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-optimising-'));
  try {
    run(`
      import vm from 'node:vm';
      import { writeFileSync } from 'node:fs';
      import { stopOptimising } from ${optimising};
      const sources = ${JSON.stringify(SOURCES)};
      const cache = (name) => writeFileSync(${JSON.stringify(dir)} + '/' + name, new vm.Script(sources[name], { filename: 'a.js' }).createCachedData());
      stopOptimising();
      cache('during');
      // As code-cache.ts at exit: after stopOptimising's own beforeExit.
      process.once('beforeExit', () => cache('after'));
    `);
    const rejected = JSON.parse(run(`
      import vm from 'node:vm';
      import { readFileSync } from 'node:fs';
      const sources = ${JSON.stringify(SOURCES)};
      const rejected = (name) => new vm.Script(sources[name], { filename: 'a.js', cachedData: readFileSync(${JSON.stringify(dir)} + '/' + name) }).cachedDataRejected;
      console.log(JSON.stringify({ during: rejected('during'), after: rejected('after') }));
    `)) as { during: boolean; after: boolean };
    expect(rejected).toEqual({ during: true, after: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
