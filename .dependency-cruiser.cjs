// The core's layers (docs/architecture.md draws them), held by `npm run lint:deps`, part of `npm test`.
//
// Each capability folder of src/main/core sits in one tier and imports only folders of its own tier or
// the tiers below it; no two folders import each other, directly or round about (type imports count:
// they tie the code as much as values do). A new folder names its tier here before it may import
// anything. Tests and the in-core test helpers (test-*.ts, *.contract.ts) may reach across: they are
// not the app's structure.

/** Bottom first. */
const TIERS = [
  // Leaves: everyone may use them; they import no capability.
  ['leaves', ['mrz', 'emrtd', 'store', 'log', 'dates', 'failures', 'events', 'calls', 'clock', 'secrets', 'pdf', 'audit', 'outbox']],
  // Record owners: each owns its tables and the rules of its records.
  ['records', ['evidence', 'qr-image', 'upstream-link', 'settings', 'accounts', 'cases', 'regions', 'workdays', 'trust', 'printing', 'scanners', 'evaluations', 'verification', 'documents', 'permit-qr', 'devices']],
  // Read models and the visit: what the screens show, built from the records.
  ['views', ['case-view', 'worklists', 'register', 'applicant', 'visit', 'ssc-card', 'passport']],
  // Services that run beside the calls: the link with the authority, the audit check, the demo office.
  ['services', ['sync', 'audit-check', 'demo']],
  // The dispatcher and the core's start-up (boot.ts).
  ['api', ['api']],
];

const CORE = '^src/main/core/';
const folders = (tiers) => tiers.flatMap(([, f]) => f);
const anyOf = (names) => `${CORE}(${names.join('|')})/`;

const tierRules = TIERS.slice(0, -1).map(([name, own], i) => ({
  name: `tier-${name}`,
  comment: `${name} (${own.join(', ')}) may not import a higher tier: ${folders(TIERS.slice(i + 1)).join(', ')}`,
  severity: 'error',
  from: { path: anyOf(own) },
  to: { path: [anyOf(folders(TIERS.slice(i + 1))), `${CORE}[^/]+\\.ts$`] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Two capability folders import each other, directly or round about: one of them belongs lower, or what they share does.',
      severity: 'error',
      scope: 'folder',
      from: { path: CORE },
      to: { path: CORE, circular: true },
    },
    {
      name: 'no-file-cycle',
      comment: 'Two files import each other, directly or round about.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...tierRules,
    {
      name: 'tier-unknown',
      comment: 'A folder of src/main/core not placed in a tier: name it in .dependency-cruiser.cjs (and docs/architecture.md).',
      severity: 'error',
      from: { path: CORE, pathNot: [anyOf(folders(TIERS)), `${CORE}[^/]+\\.ts$`] },
      to: {},
    },
    {
      name: 'upstream-stands-alone',
      comment: 'The reference server is written from the specs: it imports nothing of the app.',
      severity: 'error',
      from: { path: '^src/upstream/' },
      to: { path: '^src/(main|shared|lib|renderer|preload)/' },
    },
    {
      name: 'core-below-hosts',
      comment: 'The core is handed its ports: it imports no host, platform adapter or renderer.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/(main/(web|electron|platform|cli)|renderer|preload)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.test\\.tsx?$', '/test-[^/]+\\.ts$', '\\.contract\\.ts$'] },
  },
};
