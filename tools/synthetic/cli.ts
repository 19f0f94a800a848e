/**
 * `node lib-tools/tools/synthetic/cli.js --offerings N --seed S --out DIR`: writes a synthetic content folder.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { generateContent } from './generate.js';

export async function runGenerator(argv: string[]): Promise<number> {
  let values: { offerings?: string; seed?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { offerings: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const offerings = Number(values.offerings ?? '3');
  const seed = Number(values.seed ?? '1');
  if (!values.out || !Number.isInteger(offerings) || offerings < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: node lib-tools/tools/synthetic/cli.js --offerings N --seed S --out DIR\n');
    return 2;
  }
  const result = await generateContent(values.out, { offerings, seed });
  process.stdout.write(`${result.offerings} offerings, ${result.sources} sources, ${result.rows} rows -> ${values.out}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runGenerator(process.argv.slice(2));
}
