/**
 * The folder rules (docs/architecture.md), checked by `npm run typecheck`:
 * domain/ is pure (no other folder, no Node I/O), the add-on sees only domain/, nothing imports in a circle.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-other-folder',
      comment: 'domain/ holds the rules both sides share: it may not reach into the server, the add-on or tests.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(addon|sync-server|test|bench|scripts)/' },
    },
    {
      name: 'domain-does-no-io',
      comment: 'domain/ does no I/O: no Node core modules (fs, net, child_process, ...).',
      severity: 'error',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'addon-imports-only-domain',
      comment: 'The add-on runs in Apps Script: it bundles domain/ and itself, nothing of the server or the tests.',
      severity: 'error',
      from: { path: '^addon/' },
      to: { path: '^(sync-server|test|bench|scripts)/' },
    },
    {
      name: 'server-is-not-imported-by-domain-or-addon-types',
      comment: 'The server never imports test code.',
      severity: 'error',
      from: { path: '^sync-server/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'areas-talk-through-workflows',
      comment:
        'A business area (orders, inventory, purchasing, logistics, tracking, sync, settings, access, reads) uses its own code and the ' +
        'shared plumbing (db, events, commands, tables, workspaces) only; a flow that spans areas lives in workflows/ ' +
        '(approve -> allocate, receipt -> allocate, import -> review -> allocate, purchase orders -> incoming).',
      severity: 'error',
      from: { path: '^sync-server/(orders|inventory|purchasing|logistics|tracking|sync|settings|access|reads)/' },
      to: {
        path: '^sync-server/(orders|inventory|purchasing|logistics|tracking|sync|settings|access|reads|workflows|http|cli)/',
        // Who is calling, and the workspace's settings, are read by every area.
        pathNot: [
          '^sync-server/$1/',
          '^sync-server/access/principal[.]ts$',
          '^sync-server/settings/settings-service[.]ts$',
        ],
      },
    },
    {
      name: 'no-circular',
      comment: 'Areas talk one way; a cycle means two areas own each other (move the shared part, or a workflow).',
      severity: 'error',
      from: { path: '^(domain|sync-server|addon)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
