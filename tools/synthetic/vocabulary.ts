/**
 * Word lists for synthetic content: the five standard areas (with the heading and anchor
 * variants real IBM pages use), a task pool per area, and phrase parts for duties.
 */

export interface SyntheticArea {
  id: string;
  title: string;
  /** Heading texts as IBM pages word them; the first is the usual one. */
  headings: string[];
  /** Anchors as IBM pages write them; the first is the usual one. */
  anchors: string[];
  tasks: string[];
}

export const AREAS: readonly SyntheticArea[] = [
  {
    id: 'incident-operations',
    title: 'Incident and operations management',
    headings: ['Incident and operations management', 'Incidents and operations management'],
    anchors: ['incident-and-ops', 'incident-and-ops-responsibilities'],
    tasks: ['Availability', 'Monitoring', 'Incidents', 'Logging', 'Alerting', 'Capacity planning', 'Status notifications', 'Support cases', 'Maintenance windows', 'Performance tuning'],
  },
  {
    id: 'change-management',
    title: 'Change management',
    headings: ['Change management'],
    anchors: ['change-management', 'change-management-responsibilities'],
    tasks: ['Applications', 'Version updates', 'Security patches', 'Configuration changes', 'Deprecations', 'Client libraries', 'Release notes', 'Rollbacks', 'Operating system updates', 'Plug-in updates'],
  },
  {
    id: 'identity-access',
    title: 'Identity and access management',
    headings: ['Identity and access management'],
    anchors: ['iam-responsibilities', 'identity-access'],
    tasks: ['User management', 'Service policies', 'Access groups', 'API keys', 'Service IDs', 'Context-based restrictions', 'Audit of access', 'Multifactor authentication', 'Trusted profiles', 'Credential rotation'],
  },
  {
    id: 'security-compliance',
    title: 'Security and regulation compliance',
    headings: ['Security and regulation compliance', 'Security and regulatory compliance'],
    anchors: ['security-compliance', 'security_comp'],
    tasks: ['Encryption at rest', 'Encryption in transit', 'Key management', 'Vulnerability scanning', 'Compliance reports', 'Network isolation', 'Data residency', 'Threat detection', 'Secure configuration', 'Penetration testing'],
  },
  {
    id: 'disaster-recovery',
    title: 'Disaster recovery',
    headings: ['Disaster recovery', 'Disaster and recovery'],
    anchors: ['disaster-recovery', 'disaster-recovery-responsibilities'],
    tasks: ['Instance backups', 'Disaster recovery', 'Failover', 'Restore testing', 'Cross-region replication', 'Recovery point objective', 'Recovery time objective', 'Backup retention', 'Private endpoints', 'Data export'],
  },
];

/** A non-standard area that some pages add; kept as an area of its own. */
export const EXTRA_AREA: SyntheticArea = {
  id: 'applications-data',
  title: 'Applications and data',
  headings: ['Applications and data'],
  anchors: ['applications-data'],
  tasks: ['Application code', 'Data classification', 'Data lifecycle', 'Client-side encryption', 'Application logs'],
};

export const TIERS: readonly { suffix: string; name: string }[] = [
  { suffix: 'std', name: 'Standard' },
  { suffix: 'ded', name: 'Dedicated' },
  { suffix: 'ent', name: 'Enterprise' },
];

export const ADJECTIVES = ['Cobalt', 'Granite', 'Harbor', 'Lumen', 'Meridian', 'Nimbus', 'Onyx', 'Pioneer', 'Quartz', 'Raven', 'Sierra', 'Tidal', 'Umber', 'Vertex', 'Willow', 'Zephyr', 'Amber', 'Beacon', 'Cedar', 'Delta'];
export const NOUNS = ['Ledger', 'Vault', 'Queue', 'Gateway', 'Registry', 'Catalog', 'Pipeline', 'Cache', 'Stream', 'Mesh', 'Index', 'Relay', 'Archive', 'Broker', 'Scheduler', 'Monitor', 'Notebook', 'Router', 'Directory', 'Warehouse'];

export const PROVIDER_VERBS = ['Provide', 'Maintain', 'Monitor', 'Operate', 'Patch', 'Back up', 'Encrypt', 'Replicate', 'Audit', 'Publish'];
export const CUSTOMER_VERBS = ['Configure', 'Review', 'Plan for', 'Validate', 'Restrict', 'Rotate', 'Document', 'Test', 'Request', 'Monitor'];
export const OBJECTS = [
  'the service infrastructure in multizone regions',
  'notifications for planned maintenance and unplanned outages',
  'access policies for your instances',
  'the keys that protect your data',
  'the runtime and its dependencies',
  'backups of service metadata',
  'the audit events of the instance',
  'the network endpoints of the instance',
  'the compliance evidence for industry standards',
  'the client applications that connect to the service',
  'the retention settings of your data',
  'the capacity of your plan',
];
export const CLAUSES = [
  'to meet local access and low latency requirements',
  'according to your own recovery objectives',
  'before you deploy to production',
  'on a regular schedule',
  'when a regional disaster occurs',
  'as described in the service documentation',
  'so that only authorised users can reach it',
];
export const LINK_TOPICS = ['regions', 'manage-access', 'backup-restore', 'at-events', 'release-notes', 'security-and-compliance', 'monitoring'];
export const LINK_TEXTS = ['available regions', 'Managing user access', 'backing up and restoring', 'auditing events', 'release notes', 'security and compliance', 'monitoring metrics'];
