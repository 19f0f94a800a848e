/** A small content folder for the OSCAL tests: one row mapped by its task, one by its area, one by neither. */
import { makeContent } from '../cli/helpers.js';

export const SITE_YAML = `title: Vault responsibilities
baseUrl: https://matrix.example.org/
parties: { provider: Vault Inc., customer: Tenant }
areas:
  - id: disaster-recovery
    title: Disaster recovery
    controls: [cp-10]
  - id: change-management
    title: Change management
`;

export const TASKS_YAML = `- id: backups
  title: Backups
  area: disaster-recovery
  aliases: [Backups]
  controls: [cp-9, cp-6]
`;

export const SOURCE_YAML = `title: Vault responsibilities
lastUpdated: 2025-09-18
areas:
  - heading: Disaster recovery
    anchor: disaster-recovery
    rows:
      - task: Backups
        provider: Back up the *vault* every hour.
        customer: Restore what you need with \`vault_cli\`.
      - task: Failover drills
        provider: Run failover drills.
  - heading: Change management
    anchor: change-management
    rows:
      - task: Updates
        provider: Patch the service.
        customer: Apply client updates.
`;

export function vaultContent(overrides: Record<string, string> = {}) {
  return makeContent({
    'site.yaml': SITE_YAML,
    'keywords.yaml': '{}\n',
    'tasks.yaml': TASKS_YAML,
    'sources/vault.yaml': SOURCE_YAML,
    ...overrides,
  });
}
