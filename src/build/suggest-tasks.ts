/**
 * `respmatrix tasks --suggest` as one stage: load the content and propose a tasks.yaml (the
 * configured tasks, then the groups of row names that mean the same thing across offerings).
 */
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { loadConfig } from '../config/load.js';
import { formatTasksYaml, suggestTasks } from '../model/suggest-tasks.js';
import { loadSite } from './load-site.js';

/** The proposal as YAML text, or the content's errors when it cannot be read. */
export async function suggestTasksFor(contentDir: string): Promise<{ yaml: string } | { errors: Diagnostic[] }> {
  const [config, loaded] = await Promise.all([loadConfig(contentDir), loadSite(contentDir)]);
  if (!loaded.site || hasErrors(loaded.diagnostics)) return { errors: loaded.diagnostics.filter((d) => d.severity === 'error') };
  return { yaml: formatTasksYaml(suggestTasks(loaded.site, config.tasks), config.tasks.length) };
}
