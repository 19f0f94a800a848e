/** Every page of ../shared/corpus as the sources of one content folder `dir` (site.yaml, keywords.yaml, sources/). */
export function corpusContent(repo: string, dir: string): Promise<{ sources: number; keywords: number }>;
/** A keywords.yaml giving each keyref name a placeholder text. */
export function keywordsYaml(names: Iterable<string>): string;
