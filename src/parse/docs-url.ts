/**
 * The address of a source page on IBM Cloud Docs. IBM publishes a page of collection `<sub>`
 * (front matter `subcollection`) whose H1 carries `{: #<id>}` at `/docs/<sub>?topic=<sub>-<id>`:
 * every cross-page link in the corpus follows it (`/docs/key-protect?topic=key-protect-ha-dr`,
 * `/docs/openshift?topic=openshift-responsibilities_iks`). Without a collection or an H1 id, or
 * with IBM's template placeholder (`_your-subcollection_`), there is no address to derive.
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function docsPageUrl(linkBase: string | undefined, subcollection: string | undefined, pageId: string | undefined): string | undefined {
  if (!linkBase || !subcollection || !pageId || !NAME.test(subcollection) || !NAME.test(pageId)) return undefined;
  return `${linkBase.replace(/\/+$/, '')}/docs/${subcollection}?topic=${subcollection}-${pageId}`;
}
