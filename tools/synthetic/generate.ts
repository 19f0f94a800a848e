/**
 * Deterministic synthetic content for scale tests and benchmarks: a whole content folder
 * (site.yaml, keywords.yaml, tasks.yaml, sources/*.md) with a given number of offerings,
 * about 25 rows each. The same seed always writes byte-identical files.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Prng } from './prng.js';
import { writeSource } from './source.js';
import type { SourcePlan, TierPlan } from './source.js';
import { ADJECTIVES, AREAS, EXTRA_AREA, NOUNS, TIERS } from './vocabulary.js';
import type { SyntheticArea } from './vocabulary.js';

export interface GenerateOptions {
  offerings: number;
  seed: number;
}

export interface GenerateResult {
  offerings: number;
  sources: number;
  rows: number;
  /** Source paths relative to the content folder, in generation order. */
  files: string[];
}

/** Writes the content folder `dir` (its `sources/` is replaced; other files there are kept). */
export async function generateContent(dir: string, options: GenerateOptions): Promise<GenerateResult> {
  if (!Number.isInteger(options.offerings) || options.offerings < 1) throw new RangeError('offerings must be a positive integer');
  const rng = new Prng(options.seed);
  const plans = planSources(rng, options.offerings);
  const sourcesDir = path.join(dir, 'sources');
  await rm(sourcesDir, { recursive: true, force: true });
  await mkdir(sourcesDir, { recursive: true });
  const keywords: [string, string][] = [
    ['IBM_notm', 'IBM'],
    ['cloud_notm', 'IBM Cloud'],
  ];
  let rows = 0;
  const written: { file: string; text: string }[] = [];
  for (const plan of plans) {
    const source = writeSource(rng, plan);
    keywords.push(...source.keywords);
    rows += source.rows;
    written.push({ file: plan.file, text: source.text });
  }
  await writeInBatches(written.map((w) => [path.join(sourcesDir, w.file), w.text]));
  await writeFile(path.join(dir, 'site.yaml'), siteYaml(plans, options));
  await writeFile(path.join(dir, 'keywords.yaml'), keywords.map(([k, v]) => `${k}: ${q(v)}`).join('\n') + '\n');
  await writeFile(path.join(dir, 'tasks.yaml'), tasksYaml());
  return {
    offerings: options.offerings,
    sources: plans.length,
    rows,
    files: plans.map((p) => `sources/${p.file}`),
  };
}

/** Splits `count` offerings over source pages holding one to three tiers each. */
function planSources(rng: Prng, count: number): SourcePlan[] {
  const plans: SourcePlan[] = [];
  let remaining = count;
  for (let i = 1; remaining > 0; i++) {
    const roll = rng.next();
    const tierCount = Math.min(remaining, roll < 0.5 ? 1 : roll < 0.85 ? 2 : 3);
    remaining -= tierCount;
    const product = `svc-${String(i).padStart(4, '0')}`;
    const round = Math.floor((i - 1) / (ADJECTIVES.length * NOUNS.length));
    const productName = `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}${round > 0 ? ` ${round + 1}` : ''}`;
    const tiers: TierPlan[] =
      tierCount === 1
        ? [{ suffix: '', offeringId: product, offeringName: productName }]
        : TIERS.slice(0, tierCount).map((t) => ({
            suffix: t.suffix,
            offeringId: `${product}-${t.suffix}`,
            offeringName: `${productName} ${t.name}`,
          }));
    const areas: SyntheticArea[] = AREAS.filter(() => rng.chance(0.95));
    if (rng.chance(0.1)) areas.push(EXTRA_AREA);
    plans.push({ file: `${product}.md`, product, productName, tiers, areas, year: 2020 + rng.int(0, 6) });
  }
  return plans;
}

function siteYaml(plans: SourcePlan[], options: GenerateOptions): string {
  const out = [
    `title: ${q(`Synthetic responsibilities (${options.offerings} offerings, seed ${options.seed})`)}`,
    `description: ${q('Generated content for scale tests of respmatrix.')}`,
    'baseUrl: https://example.com/',
    'linkBase: https://cloud.ibm.com',
    'parties:',
    '  provider: IBM',
    '  customer: You',
    'areas:',
  ];
  for (const area of [...AREAS, EXTRA_AREA]) {
    out.push(`  - id: ${area.id}`, `    title: ${q(area.title)}`, '    match:');
    for (const m of [...area.headings, ...area.anchors]) out.push(`      - ${q(m)}`);
  }
  out.push('offerings:');
  for (const plan of plans) {
    for (const tier of plan.tiers) {
      out.push(`  - id: ${tier.offeringId}`, `    name: ${q(tier.offeringName)}`, `    family: ${plan.product}`, `    source: ${plan.file}`);
      if (tier.suffix) out.push('    tables:', `      anchorSuffix: ${q(`-${tier.suffix}`)}`);
    }
  }
  out.push('redirects: []');
  return out.join('\n') + '\n';
}

function tasksYaml(): string {
  const out: string[] = [];
  for (const area of [...AREAS, EXTRA_AREA]) {
    for (const task of area.tasks) {
      out.push(`- id: ${slug(task)}`, `  title: ${q(task)}`, `  area: ${area.id}`, '  aliases:', `    - ${q(task)}`);
    }
  }
  return out.join('\n') + '\n';
}

async function writeInBatches(files: [string, string][]): Promise<void> {
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(files.slice(i, i + 64).map(([file, text]) => writeFile(file, text)));
  }
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function q(value: string): string {
  return JSON.stringify(value);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
