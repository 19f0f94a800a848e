/**
 * What the template cache (template-cache.ts) uses of Nunjucks beyond its published types:
 * the compiler the package exports, the environment's settings a compilation depends on,
 * the table of compiled templates a PrecompiledLoader serves from, and its HTML escaping.
 */
import 'nunjucks';

declare module 'nunjucks' {
  /** Template text -> the JavaScript of a compiled template (nunjucks/src/compiler.js). */
  export const compiler: {
    compile(src: string, asyncFilters: string[], extensions: Extension[], name: string, opts: ConfigureOptions): string;
  };

  interface Environment {
    opts: ConfigureOptions;
    asyncFilters: string[];
    extensionsList: Extension[];
  }

  interface PrecompiledLoader {
    precompiled: CompiledTemplates;
  }

  /** The escaping autoescape and the `escape` filter call (nunjucks/src/lib.js), looked up at each call. */
  namespace lib {
    let escape: (text: string) => string;
  }
}

/** Template name -> the object its compiled code returns. */
export type CompiledTemplates = Record<string, unknown>;
