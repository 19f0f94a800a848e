/**
 * The direction of the pipeline, enforced by `npm run lint`:
 *   config -> parse (markdown/, yaml/) -> model -> changes -> render -> links -> search -> build -> dev -> cli
 * A folder imports only folders to its left (and `shared/`, `diagnostics.ts`); the browser code
 * imports only the pure modules it shares with the build.
 */
const stage = (names) => `^src/(${names.join('|')})/`;
const DOWNSTREAM_OF = {
  config: ['parse', 'model', 'changes', 'render', 'links', 'search', 'build', 'dev', 'cli', 'stack', 'client'],
  parse: ['model', 'changes', 'render', 'links', 'search', 'build', 'dev', 'cli', 'stack', 'client'],
  changes: ['parse', 'render', 'links', 'search', 'build', 'dev', 'cli', 'client'],
  render: ['parse', 'search', 'build', 'dev', 'cli', 'client'],
  links: ['parse', 'search', 'build', 'dev', 'cli', 'client'],
  search: ['parse', 'build', 'dev', 'cli', 'client'],
  build: ['dev', 'cli', 'client'],
  dev: ['cli', 'client'],
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle (type-only ones too) means two modules are one job or a type sits in the wrong place.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code (entry points aside).',
      from: {
        orphan: true,
        // Entry points: bin/ loads cli/main; the page loads client/main.ts, which loads the
        // feature modules beside it with import.meta.glob (invisible to an import graph).
        pathNot: ['\\.d\\.ts$', '^src/cli/main\\.ts$', '^src/client/[^/]+\\.ts$'],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Type-only packages (mdast, hast: @types/*) have nothing to resolve at run time.',
      from: {},
      to: { couldNotResolve: true, dependencyTypesNot: ['type-only'] },
    },
    ...Object.entries(DOWNSTREAM_OF).map(([from, to]) => ({
      name: `${from}-imports-upstream-only`,
      severity: 'error',
      comment: `${from}/ runs before ${to.join(', ')}: it must not import them.`,
      from: { path: `^src/${from}/` },
      to: { path: stage(to) },
    })),
    {
      name: 'model-not-parse-at-run-time',
      severity: 'error',
      comment: 'The model is built from what parse returns (its types); the build wires the two.',
      from: { path: '^src/model/' },
      to: { path: '^src/parse/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'model-upstream-only',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: stage(['changes', 'render', 'links', 'search', 'build', 'dev', 'cli', 'stack', 'client']) },
    },
    {
      name: 'render-links-renames-only',
      severity: 'error',
      comment: 'Rendering uses the renames the browser uses too; the link check and manifest run after rendering.',
      from: { path: '^src/render/' },
      to: { path: '^src/links/', pathNot: '^src/links/renames\\.ts$' },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'shared/ holds pure helpers every stage and the browser use: it imports nothing of ours.',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'client-imports-shared-pure-modules',
      severity: 'error',
      comment: 'The browser bundle takes only pure modules shared with the build.',
      from: { path: '^src/(client|stack)/' },
      to: {
        path: '^src/',
        pathNot: [
          '^src/(client|stack|shared)/',
          '^src/search/(engine|query|record|sharded)\\.ts$',
          '^src/render/checklist-csv\\.ts$',
          '^src/links/renames\\.ts$',
          '^src/model/(compare|duty|row-name|tasks|types)\\.ts$',
        ],
      },
    },
    {
      name: 'client-no-node',
      severity: 'error',
      from: { path: '^src/(client|stack|shared)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'The CLI (arguments, formats, exit codes) sits on top; bin/ is its only importer.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'src-not-tools',
      severity: 'error',
      comment: 'Dev tools (tools/) are not shipped: src/ never imports them.',
      from: { path: '^src/' },
      to: { path: '^tools/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(lib|lib-tools)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
