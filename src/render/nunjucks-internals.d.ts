/**
 * What the template cache (template-cache.ts) uses of Nunjucks beyond its published types:
 * the compiler the package exports, the environment's settings a compilation depends on,
 * and the table of compiled templates a PrecompiledLoader serves from.
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
}

/** Template name -> the object its compiled code returns. */
export type CompiledTemplates = Record<string, unknown>;
