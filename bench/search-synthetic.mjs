/**
 * Deterministic synthetic sites for the search bench: N offerings of 5 areas x 5 rows,
 * text drawn from a responsibility-table vocabulary with a seeded PRNG (mulberry32).
 */

const VOCAB = `provide high availability capabilities infrastructure multizone regions local access low latency
requirements supported region use list available plan create new instances service integration select third-party
partnership technologies logs activity tracker review instance activities notifications planned maintenance security
bulletins unplanned outages set preferences receive emails platform monitor status page general announcements firmware
updates multiple crypto units sequential manner impact running workloads perform tasks usual error messages keystores
contact affected cloud provider resolve connection issues major minor patch version interfaces API CLI console tools
apply including features patches restrict resources functionality policies managing user ability key controls
commensurate industry compliance standards SOC ISO maintain regulation apps data enable extra settings import wrap
rotate rewrap delete keys master secure cryptographic operations workstation smart cards readers store associated PINs
vaults prevent unauthorized part files directory approved storage passwords continuously back up recover restart
components disaster event endpoints switching backup failover settings internet protocol address manually updated
recovery procedures backups validate restore zones replicated routing requests provisions downtime configuration
secrets secondary conduct identity authentication authorization approving granting revoking certificates encryption
network firewall audit evidence retention deletion lifecycle capacity scaling performance tuning incident response
vulnerability scanning hardening operating system database replication snapshots clusters nodes containers images
registry pipelines deployment rollback quotas billing support tickets escalation documentation training`.split(/\s+/);

const TASKS = `Availability|Monitoring|Incidents|Firmware updates|Connecting to third-party cloud|Applications|
User management|Service and key policies|Cryptographic operations|Master key backups|Smart cards and smart card readers|
Key part files|Instance backups|Disaster recovery|Virtual Private Endpoints|Private Endpoint|Patching|Capacity planning|
Network security|Audit logging|Data retention|Certificate rotation|Access reviews|Vulnerability management|
Configuration backups|Failover testing|Encryption at rest|Encryption in transit|Operating system updates|Scaling`
  .split('|')
  .map((task) => task.trim());

const AREAS = [
  ['incident-and-operations', 'Incident and operations management'],
  ['change-management', 'Change management'],
  ['identity-and-access-management', 'Identity and access management'],
  ['security-and-regulation-compliance', 'Security and regulation compliance'],
  ['disaster-recovery', 'Disaster recovery'],
];

const SYLLABLES = 'ka ro zen vex tor lu mi dra pho qui sar nel bo tri fen gal'.split(' ');

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A Site (src/model/types.ts) with `count` offerings, about 25 rows each. */
export function syntheticSite(count, seed = 42) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = (min, max, extra) => {
    const n = min + Math.floor(random() * (max - min));
    const words = Array.from({ length: n }, () => (random() < 0.08 ? extra : pick(VOCAB)));
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  };
  const rich = (text) => ({ text, html: `<p>${text}</p>` });
  const offerings = [];
  for (let o = 0; o < count; o++) {
    const brand = pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES);
    const name = `${brand.charAt(0).toUpperCase()}${brand.slice(1)} Service ${o + 1}`;
    const id = `${brand}-${o + 1}`;
    const sections = AREAS.map(([areaId, title]) => {
      const used = new Set();
      const rows = [];
      while (rows.length < 5) {
        const task = pick(TASKS);
        if (used.has(task)) continue;
        used.add(task);
        const customerNone = random() < 0.1;
        rows.push({
          anchor: `${areaId}--${slug(task)}`,
          task,
          taskId: slug(task),
          provider: rich(sentence(8, 30, brand)),
          customer: rich(customerNone ? '' : sentence(6, 26, brand)),
          source: { file: `sources/${id}.md`, line: 10 + rows.length },
        });
      }
      return {
        areaId,
        anchor: `${areaId}-${id}`,
        aliases: [],
        title,
        intro: rich(sentence(10, 20, name)),
        source: { file: `sources/${id}.md`, line: 1 },
        rows,
      };
    });
    offerings.push({ id, name, source: { file: `sources/${id}.md`, line: 1 }, sections });
  }
  return {
    title: 'Synthetic responsibilities',
    parties: { provider: 'IBM', customer: 'You' },
    areas: AREAS.map(([id, title]) => ({ id, title })),
    offerings,
    tasks: [],
    redirects: [],
  };
}
