/**
 * The browser entry, bundled by Vite. Each feature module exports an `init*()` that is safe to
 * call on every page (it does nothing when its markup is absent). Adding a feature = ONE line in
 * `featureInits`. Modules are found with import.meta.glob, so a feature not written yet is skipped.
 */
/// <reference types="vite/client" />
import './styles/base.css';

// Feature styles (src/client/styles/<feature>.css), after the base styles.
import.meta.glob(['./styles/*.css', '!./styles/base.css'], { eager: true });

type FeatureModule = Record<string, unknown>;

const modules = import.meta.glob<FeatureModule>(['./search.ts', './copy-link.ts', './compare.ts', './checklist.ts', './stack.ts', './legacy-fragments.ts', './offering-filter.ts', './outline.ts', './header-height.ts', './print-links.ts'], {
  eager: true,
});

/** Feature module -> the function that starts it. */
const featureInits: [path: string, init: string][] = [
  ['./search.ts', 'initSearch'],
  ['./copy-link.ts', 'initCopyLink'],
  ['./compare.ts', 'initCompare'],
  ['./checklist.ts', 'initChecklist'],
  ['./stack.ts', 'initStack'],
  ['./legacy-fragments.ts', 'initLegacyFragments'],
  ['./offering-filter.ts', 'initOfferingFilter'],
  ['./outline.ts', 'initOutline'],
  ['./header-height.ts', 'initHeaderHeight'],
  ['./print-links.ts', 'initPrintLinks'],
];

function start(): void {
  for (const [path, name] of featureInits) {
    const init = modules[path]?.[name];
    if (typeof init !== 'function') continue;
    try {
      (init as () => void)();
    } catch (error) {
      // One broken feature must not take the others down; the page works without it.
      console.warn(`respmatrix: ${name} failed`, error);
    }
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
