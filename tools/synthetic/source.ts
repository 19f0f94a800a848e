/**
 * Writes one synthetic responsibilities page in IBM Cloud docs Markdown, with the constructs
 * real pages use (DIALECT.md): front matter, an attribute definition list keyref, headings with
 * `{: #id}`, one H3 per tier with anchor suffixes, keyrefs, root-relative links, `\n` lists,
 * empty and placeholder cells, and attribute lines directly under tables (the table-row trap).
 */
import type { Prng } from './prng.js';
import type { SyntheticArea } from './vocabulary.js';
import { CLAUSES, CUSTOMER_VERBS, LINK_TEXTS, LINK_TOPICS, OBJECTS, PROVIDER_VERBS } from './vocabulary.js';

export interface TierPlan {
  /** Anchor suffix without the dash; empty for a single-offering page. */
  suffix: string;
  offeringId: string;
  offeringName: string;
}

export interface SourcePlan {
  /** File name inside `sources/`. */
  file: string;
  /** Product slug, used in links and keyword names. */
  product: string;
  productName: string;
  tiers: TierPlan[];
  areas: SyntheticArea[];
  year: number;
}

export interface WrittenSource {
  text: string;
  keywords: [string, string][];
  rows: number;
}

const SUMMARY =
  'The rows are read from left to right. The first column describes the task. The second column describes {{site.data.keyword.IBM_notm}} responsibilities for that task. The third column describes your responsibilities as the customer for that task.';

export function writeSource(rng: Prng, plan: SourcePlan): WrittenSource {
  const shortKey = `${plan.product}_short`;
  const fullKey = `${plan.product}-full_notm`;
  const keywords: [string, string][] = [
    [shortKey, plan.productName],
    [fullKey, `IBM Cloud ${plan.productName}`],
  ];
  const ctx: CellContext = { rng, product: plan.product, shortKey };
  const swapped = rng.chance(0.1);
  const firstHeader = rng.pick(['Task', 'Task', 'Task', 'Item', '']);
  const ibmHeader = rng.pick(['{{site.data.keyword.IBM_notm}} Responsibilities', 'IBM responsibilities', "IBM's Responsibility"]);
  const youHeader = rng.pick(['Your Responsibilities', 'Your responsibility']);
  const lines: string[] = [
    '---',
    '',
    'copyright:',
    `  years: ${plan.year - 3}, ${plan.year}`,
    `lastupdated: "${plan.year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}"`,
    '',
    `keywords: shared responsibilities, {{site.data.keyword.${shortKey}}}, disaster recovery`,
    '',
    `subcollection: ${plan.product}`,
    '---',
    '',
    '{{site.data.keyword.attribute-definition-list}}',
    '',
    `# Your responsibilities when using {{site.data.keyword.${shortKey}}}`,
    `{: #${plan.product}-responsibilities}`,
    '',
    `Learn about the management responsibilities that you have when you use {{site.data.keyword.${fullKey}}}.`,
    '{: shortdesc}',
    '',
    `For the overall terms of use, see [{{site.data.keyword.cloud_notm}} Terms and Notices](/docs/overview?topic=overview-terms).`,
    '',
  ];
  let tableNumber = 0;
  let rows = 0;
  for (const area of plan.areas) {
    const areaAnchor = rng.chance(0.85) ? area.anchors[0] : rng.pick(area.anchors);
    lines.push(`## ${rng.chance(0.85) ? area.headings[0] : rng.pick(area.headings)}`, `{: #${areaAnchor}}`, '');
    lines.push(`You and {{site.data.keyword.IBM_notm}} share responsibilities for ${area.title.toLowerCase()} of {{site.data.keyword.${shortKey}}}.`, '');
    for (const tier of plan.tiers) {
      if (tier.suffix) {
        lines.push(`### {{site.data.keyword.${shortKey}}} ${tierWord(tier)} responsibilities`, `{: #${areaAnchor}-${tier.suffix}}`, '');
      }
      const tasks = rng.sample(area.tasks, rng.int(4, 6));
      rows += tasks.length;
      const header = [firstHeader, ...ordered(swapped, ibmHeader, youHeader)];
      lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '----').join(' | ')} |`);
      for (const task of tasks) {
        const provider = cell(ctx, PROVIDER_VERBS);
        const customer = cell(ctx, CUSTOMER_VERBS);
        lines.push(`| ${[task, ...ordered(swapped, provider, customer)].join(' | ')} |`);
      }
      tableNumber += 1;
      const caption = `{: caption="Table ${tableNumber}. Responsibilities for ${area.title.toLowerCase()}${tier.suffix ? ` - ${tier.offeringName}` : ''}" caption-side="bottom"}`;
      const style = rng.next();
      if (style < 0.6) lines.push(caption);
      else if (style < 0.8) lines.push('{: row-headers}', caption, `{: summary="${SUMMARY}"}`);
      else if (style < 0.9) lines.push(`{: summary="${SUMMARY}"}`, caption);
      else lines.push('', caption);
      lines.push('', '');
    }
  }
  let text = lines.join('\n');
  // Byte-level habits of real pages: CRLF endings and a missing final newline.
  if (rng.chance(0.1)) text = text.replace(/\n/g, '\r\n');
  if (rng.chance(0.9)) text += '\n';
  return { text, keywords, rows };
}

interface CellContext {
  rng: Prng;
  product: string;
  shortKey: string;
}

/** One duty: a sentence, sometimes a `\n` bullet list, a link or a keyref; sometimes nothing. */
function cell(ctx: CellContext, verbs: readonly string[]): string {
  const { rng } = ctx;
  const roll = rng.next();
  if (roll < 0.04) return '';
  if (roll < 0.06) return rng.pick(['N/A', 'None']);
  if (roll < 0.18) {
    const bullet = rng.pick(['-', '*']);
    const items = Array.from({ length: rng.int(2, 3) }, () => `${rng.pick(verbs)} ${rng.pick(OBJECTS)}.`);
    return items.map((item) => `${bullet} ${item}`).join(' \\n ');
  }
  let text = `${rng.pick(verbs)} ${rng.pick(OBJECTS)} ${rng.pick(CLAUSES)}.`;
  if (rng.chance(0.25)) text = text.replace('the service', `{{site.data.keyword.${ctx.shortKey}}}`);
  if (rng.chance(0.3)) {
    const i = rng.int(0, LINK_TOPICS.length - 1);
    text += ` For more information, see [${LINK_TEXTS[i]}](/docs/${ctx.product}?topic=${ctx.product}-${LINK_TOPICS[i]}).`;
  }
  if (rng.chance(0.05)) text = text.replace(' ', '\u00a0');
  return text;
}

function ordered(swapped: boolean, provider: string, customer: string): [string, string] {
  return swapped ? [customer, provider] : [provider, customer];
}

function tierWord(tier: TierPlan): string {
  return tier.offeringName.split(' ').at(-1) ?? tier.offeringName;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
