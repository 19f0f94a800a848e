/** `respmatrix check --oscal` and the `controls` keys of tasks.yaml and site.yaml, through the CLI. */
import { describe, expect, it } from 'vitest';
import { parseJson, repo, run } from '../cli/helpers.js';
import { SITE_YAML, TASKS_YAML, vaultContent } from './fixture.js';

describe('check --oscal', () => {
  it('lists rows mapped to no control as info, prints the coverage and keeps exit code 0', async () => {
    const c = vaultContent();
    try {
      const text = await run(['check', '--oscal'], c.root);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(
        'content/sources/vault.yaml:15:9  info     Row "Updates" of Vault responsibilities maps to no control: give task "updates" controls in tasks.yaml (or area "change-management" in site.yaml)  unmapped-control',
      );
      // Backups (task) and Failover drills (area) are mapped; Updates is not.
      expect(text.stdout).toContain('✔ no problems (1 info)\nOSCAL coverage: 2 of 3 rows (66%) map to NIST SP 800-53 controls\n');

      const json = await run(['check', '--oscal', '--format', 'json'], c.root);
      expect(json.code).toBe(0);
      expect(parseJson(json.stdout)).toEqual([
        expect.objectContaining({ severity: 'info', rule: 'unmapped-control', file: 'content/sources/vault.yaml', line: 15 }),
      ]);
      expect(json.stderr).toBe('OSCAL coverage: 2 of 3 rows (66%) map to NIST SP 800-53 controls\n');

      const github = await run(['check', '--oscal', '--format', 'github'], c.root);
      expect(github.stdout).toMatch(/^::notice file=content\/sources\/vault\.yaml,line=15,col=9::Row "Updates"/m);
      expect(github.stdout).toMatch(/^::notice title=OSCAL coverage::OSCAL coverage: 2 of 3 rows/m);

      // Without --oscal nothing about controls is reported.
      const plain = await run(['check'], c.root);
      expect(plain.stdout).toBe('✔ no problems\n');
    } finally {
      c.cleanup();
    }
  });

  it('does not turn warnings or errors into a pass', async () => {
    const c = vaultContent({ 'keywords.yaml': 'bad key: x\n' });
    try {
      const result = await run(['check', '--oscal'], c.root);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/✖ 1 error, 1 info\nOSCAL coverage: 2 of 3 rows/);
    } finally {
      c.cleanup();
    }
  });

  it('reports full coverage for the shipped content', async () => {
    const result = await run(['check', '--oscal', '--content', 'content'], repo);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OSCAL coverage: (\d+) of \1 rows \(100%\)/m);
  });
});

describe('controls in tasks.yaml and site.yaml', () => {
  it('must be NIST SP 800-53 rev. 5 ids: a positioned schema error otherwise', async () => {
    const c = vaultContent({
      'tasks.yaml': TASKS_YAML.replace('controls: [cp-9, cp-6]', 'controls: [cp-9, CP-6]'),
      'site.yaml': SITE_YAML.replace('controls: [cp-10]', 'controls: [cp-10, cp-10]'),
    });
    try {
      const result = await run(['check'], c.root);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'content/tasks.yaml:5:20  error    "[0].controls[1]" is not valid: "CP-6". Use a NIST SP 800-53 rev. 5 control id in lower case, e.g. "cp-9", or "ac-2.1" for an enhancement.  schema',
      );
      expect(result.stdout).toContain('content/site.yaml:7:15  error    "areas[0].controls" must NOT have duplicate items');
      const build = await run(['build'], c.root);
      expect(build.code).toBe(1);
    } finally {
      c.cleanup();
    }
  });

  it('accepts control enhancements and puts them in the model', async () => {
    const c = vaultContent({ 'tasks.yaml': TASKS_YAML.replace('controls: [cp-9, cp-6]', 'controls: [cp-9.1, sc-12]') });
    try {
      expect((await run(['check'], c.root)).stdout).toBe('✔ no problems\n');
      const build = await run(['build', '--quiet'], c.root);
      expect(build.code).toBe(0);
      const { readFileSync } = await import('node:fs');
      const model = JSON.parse(readFileSync(`${c.root}/dist/model.json`, 'utf8')) as {
        tasks: { id: string; controls?: string[] }[];
        areas: { id: string; controls?: string[] }[];
      };
      expect(model.tasks.find((t) => t.id === 'backups')?.controls).toEqual(['cp-9.1', 'sc-12']);
      expect(model.areas.find((a) => a.id === 'disaster-recovery')?.controls).toEqual(['cp-10']);
    } finally {
      c.cleanup();
    }
  });
});
