/** The shipped content folder: the model the site is built from, checked against the seeds. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { repo, run } from './helpers.js';

let site: Site;

beforeAll(async () => {
  const loaded = await loadSite(path.join(repo, 'content'));
  expect(loaded.diagnostics).toEqual([]);
  if (!loaded.site) throw new Error('the shipped content did not load');
  site = loaded.site;
});

const AREAS = ['incident-and-ops', 'change-management', 'iam-responsibilities', 'security-compliance', 'disaster-recovery'];

function offering(id: string) {
  const found = site.offerings.find((o) => o.id === id);
  if (!found) throw new Error(`no offering ${id}`);
  return found;
}

function rows(id: string) {
  return offering(id).sections.flatMap((s) => s.rows);
}

describe('shipped content', () => {
  it('checks clean through the CLI', async () => {
    const { code, stdout } = await run(['check'], repo);
    expect(stdout).toBe('✔ no problems\n');
    expect(code).toBe(0);
  });

  it('has the three offerings with 9, 16 and 7 rows in five areas each', () => {
    expect(site.offerings.map((o) => [o.id, o.name, o.family])).toEqual([
      ['key-protect-standard', 'Key Protect Standard', 'key-protect'],
      ['key-protect-dedicated', 'Key Protect Dedicated', 'key-protect'],
      ['secrets-manager', 'Secrets Manager', undefined],
    ]);
    expect(rows('key-protect-standard')).toHaveLength(9);
    expect(rows('key-protect-dedicated')).toHaveLength(16);
    expect(rows('secrets-manager')).toHaveLength(7);
    expect(site.areas.map((a) => a.id)).toEqual(AREAS);
    for (const o of site.offerings) expect(o.sections.map((s) => s.areaId)).toEqual(AREAS);
  });

  it('keeps the anchors of the sources', () => {
    expect(offering('key-protect-standard').sections.map((s) => s.anchor)).toEqual(AREAS.map((a) => `${a}-kp`));
    expect(offering('key-protect-dedicated').sections.map((s) => s.anchor)).toEqual(AREAS.map((a) => `${a}-hpcs`));
    expect(offering('secrets-manager').sections.map((s) => s.anchor)).toEqual(AREAS);
    expect(offering('key-protect-standard').sections[0]?.anchor).toBe('incident-and-ops-kp');
    expect(offering('key-protect-dedicated').sections[4]?.anchor).toBe('disaster-recovery-hpcs');
  });

  it('follows the seeds: dates, titles, captions and cell text', () => {
    expect(offering('key-protect-standard').lastUpdated).toBe('2026-03-19');
    expect(offering('secrets-manager').lastUpdated).toBe('2025-09-18');
    expect(offering('key-protect-standard').sections[0]?.caption).toBe(
      'Table 1. Responsibilities for incident and operations - Key Protect Standard',
    );
    expect(offering('key-protect-dedicated').sections[4]?.caption).toBe(
      'Table 10. Responsibilities for disaster recovery - Key Protect Dedicated',
    );
    expect(offering('secrets-manager').sections[4]?.caption).toBe('Responsibilites for disaster recovery');
    expect(offering('secrets-manager').summary?.text).toMatch(
      /^Learn about the management responsibilities .* when you use IBM Cloud® Secrets Manager\. For a high-level view/,
    );
    const standard = rows('key-protect-standard');
    expect(standard.map((r) => r.task)).toEqual([
      'Availability',
      'Monitoring',
      'Incidents',
      'Applications',
      'Applications',
      'Applications',
      'Applications',
      'Virtual Private Endpoints (VPE)',
      'Private Endpoint (PE)',
    ]);
    expect(standard[1]?.provider.text).toBe(
      'Provide integration with select third-party partnership technologies, such as IBM Cloud Logs.',
    );
    const sm = rows('secrets-manager');
    expect(sm.map((r) => r.task)).toEqual([
      'Ensuring high availability',
      'Monitor the system',
      'Incident management',
      'Updates, fixes, and new features',
      'Restricting access',
      'Meet security and compliance objectives',
      'Back up of instance configuration and secrets',
    ]);
    // No duty listed on the customer side in these two rows of the seed.
    expect(sm[3]?.customer).toEqual({ text: '', html: '' });
    expect(sm[5]?.customer).toEqual({ text: '', html: '' });
  });

  it('leaves no keyref unresolved and never shows a caption as a row', () => {
    const json = JSON.stringify(site);
    expect(json).not.toContain('{{');
    expect(json).not.toContain('site.data');
    for (const o of site.offerings) {
      for (const s of o.sections) {
        for (const r of s.rows) {
          expect(r.task).not.toMatch(/caption|^\{:/);
          expect(r.provider.text + r.customer.text).not.toMatch(/caption=|\{:/);
        }
      }
    }
  });

  it('aligns the rows of the three offerings by canonical task', () => {
    const taskOf = (id: string, task: string, area: string) =>
      offering(id).sections.find((s) => s.areaId === area)?.rows.find((r) => r.task === task)?.taskId;
    expect(taskOf('key-protect-standard', 'Availability', 'incident-and-ops')).toBe('availability');
    expect(taskOf('secrets-manager', 'Ensuring high availability', 'incident-and-ops')).toBe('availability');
    expect(taskOf('secrets-manager', 'Monitor the system', 'incident-and-ops')).toBe('monitoring');
    expect(taskOf('secrets-manager', 'Incident management', 'incident-and-ops')).toBe('incidents');
    expect(taskOf('key-protect-dedicated', 'Applications', 'change-management')).toBe('service-updates');
    expect(taskOf('secrets-manager', 'Updates, fixes, and new features', 'change-management')).toBe('service-updates');
    expect(taskOf('key-protect-dedicated', 'User management', 'iam-responsibilities')).toBe('access-control');
    expect(taskOf('secrets-manager', 'Restricting access', 'iam-responsibilities')).toBe('access-control');
    expect(taskOf('key-protect-standard', 'Applications', 'security-compliance')).toBe('compliance');
    expect(taskOf('key-protect-standard', 'Applications', 'disaster-recovery')).toBe('backups');
    expect(taskOf('key-protect-dedicated', 'Instance backups', 'disaster-recovery')).toBe('backups');
    expect(taskOf('secrets-manager', 'Back up of instance configuration and secrets', 'disaster-recovery')).toBe('backups');
  });
});

