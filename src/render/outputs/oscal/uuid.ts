/**
 * Name-based UUIDs (RFC 4122 version 5: SHA-1 of a namespace and a name), so the OSCAL export
 * gives the same thing the same UUID in every build instead of a random one.
 */
import { hash } from 'node:crypto';

/** respmatrix's own namespace: uuidV5('respmatrix', the RFC 4122 URL namespace), fixed forever. */
export const RESPMATRIX_NAMESPACE = '0a457472-94ca-52ed-a1a8-a34fe14a6cf4';

/** The version 5 UUID of `name` in `namespace` (RFC 4122 section 4.3). */
export function uuidV5(name: string, namespace: string = RESPMATRIX_NAMESPACE): string {
  const digest = hash('sha1', Buffer.concat([namespaceBytes(namespace), Buffer.from(name, 'utf8')]), 'buffer');
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A namespace's 16 bytes, made once (an export makes thousands of UUIDs in one namespace). */
const namespaces = new Map<string, Buffer>();

function namespaceBytes(namespace: string): Buffer {
  let bytes = namespaces.get(namespace);
  if (!bytes) namespaces.set(namespace, (bytes = Buffer.from(namespace.replace(/-/g, ''), 'hex')));
  return bytes;
}
