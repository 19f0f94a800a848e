/** Relative links in IBM sources point to IBM's docs, never to a page of our own site. */
import { expect, test } from 'vitest';
import { rewriteUrl } from '../../src/parse/markdown/urls.js';

test('path-relative source links are resolved against linkBase', () => {
  const base = 'https://cloud.ibm.com';
  expect(rewriteUrl('docs/cloud-object-storage?topic=cos-x', base)).toBe('https://cloud.ibm.com/docs/cloud-object-storage?topic=cos-x');
  expect(rewriteUrl('key-protect?topic=kp-regions', base)).toBe('https://cloud.ibm.com/docs/key-protect?topic=kp-regions');
  expect(rewriteUrl('../status', base)).toBe('https://cloud.ibm.com/status');
  // Fragments, queries, absolute and mailto links are left alone.
  expect(rewriteUrl('#frag', base)).toBe('#frag');
  expect(rewriteUrl('?q=1', base)).toBe('?q=1');
  expect(rewriteUrl('https://example.com/a', base)).toBe('https://example.com/a');
  expect(rewriteUrl('mailto:a@b.c', base)).toBe('mailto:a@b.c');
  // Without a linkBase nothing is invented.
  expect(rewriteUrl('docs/x', undefined)).toBe('docs/x');
});
