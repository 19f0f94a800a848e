/** A site whose areas are paged: the links fixture plus many offerings copied from Keeper. */
import type { Offering, Site } from '../../src/model/types.js';
import { AREA_PAGE_SIZE } from '../../src/render/pages/area.js';

export function pagedSite(base: Site, extra = AREA_PAGE_SIZE + 5, prepend?: string): Site {
  const keeper = base.offerings.find((o) => o.id === 'keeper')!;
  const copy = (id: string): Offering => ({ ...structuredClone(keeper), id, name: `Keeper ${id}` });
  const copies = Array.from({ length: extra }, (_, i) => copy(`keeper-${String(i + 1).padStart(2, '0')}`));
  return { ...base, offerings: [...(prepend ? [copy(prepend)] : []), ...base.offerings, ...copies] };
}
