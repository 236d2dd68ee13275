/**
 * `npm run upstream -- [--port N] [--host ADDRESS] [--db FILE] [--cases FILE] [--bulk N] [--trust-list FILE] [--csca-list FILE] [--trust-root-key FILE | --unsigned-lists] [--tls-cert FILE --tls-key FILE] [--test-controls]`: the
 * reference upstream server. Prints the URL it listens on, then one line per demo workstation:
 * `TOKEN <office>/<window> <token>`. It signs the trust and revocation lists with the demo trust root
 * (resources/demo/trust-root.key.pem) or the PEM key `--trust-root-key` names; a `--trust-list` that
 * is already an envelope is served as it is; `--unsigned-lists` serves them bare. With `--tls-cert` and
 * `--tls-key` (PEM) it speaks HTTPS. `--cases FILE` seeds the DEMO office with a JSON array of Cases
 * (`npm run upstream` passes the app's demo office's, so the two meet the same notices); the server
 * itself imports nothing of the app.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { UpstreamCase } from './contract';
import { demoWorkstations, readSeedCases } from './demo-data';
import { createUpstreamServer } from './server';
import { meta, openUpstreamStore, seedIfEmpty, setMeta } from './store';

function usage(message: string): never {
  console.error(`upstream: ${message}\nusage: npm run upstream -- [--port N] [--host ADDRESS] [--db FILE] [--cases FILE] [--bulk N] [--trust-list FILE] [--csca-list FILE] [--trust-root-key FILE | --unsigned-lists] [--tls-cert FILE --tls-key FILE] [--test-controls]`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '4790' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      cases: { type: 'string' },
      bulk: { type: 'string', default: '0' },
      'test-controls': { type: 'boolean', default: false },
      'trust-list': { type: 'string' },
      'csca-list': { type: 'string' },
      'trust-root-key': { type: 'string' },
      'unsigned-lists': { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
    strict: true,
  }).values;
} catch (err) {
  usage((err as Error).message);
}
const port = Number(args.port);
const bulk = Number(args.bulk);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage('"--port" must be a whole number from 0 to 65535');
if (!Number.isInteger(bulk) || bulk < 0 || bulk > 2_000_000) usage('"--bulk" must be a whole number from 0 to 2,000,000');

const dbPath = args.db ?? join(mkdtempSync(join(tmpdir(), 'acw-upstream-')), 'upstream.db');
const db = openUpstreamStore(dbPath);
let seed: UpstreamCase[] = [];
try {
  seed = args.cases ? readSeedCases(args.cases) : [];
} catch (err) {
  usage(`cannot seed the cases: ${(err as Error).message}`);
}
seedIfEmpty(db, new Date(), bulk, seed);
// The seed for the tokens lives in the database, so a restart on the same file keeps them.
if (!meta(db, 'token.seed')) setMeta(db, 'token.seed', crypto.randomUUID());
const workstations = demoWorkstations(meta(db, 'token.seed')!);
const root = join(import.meta.dirname, '..', '..');
// The demo list (issued when the database was seeded), or the list a test or a demonstration names.
let trustList: unknown;
try {
  trustList = args['trust-list']
    ? JSON.parse(readFileSync(args['trust-list'], 'utf8'))
    : { ...JSON.parse(readFileSync(join(root, 'resources', 'demo', 'trust-list.json'), 'utf8')), issuedAt: meta(db, 'seeded') };
} catch (err) {
  usage(`cannot read the trust list ${args['trust-list']}: ${(err as Error).message}`);
}
// The demo office's CSCA list (passport-chip.md), or the one a test names: signed like the trust list.
let cscaList: unknown;
try {
  cscaList = JSON.parse(readFileSync(args['csca-list'] ?? join(root, 'resources', 'demo', 'csca-list.json'), 'utf8'));
} catch (err) {
  usage(`cannot read the CSCA list ${args['csca-list']}: ${(err as Error).message}`);
}
if (args['unsigned-lists'] && args['trust-root-key']) usage('"--unsigned-lists" and "--trust-root-key" exclude each other');
const keyFile = args['trust-root-key'] ?? join(root, 'resources', 'demo', 'trust-root.key.pem');
let signingKey: KeyObject | null = null;
if (!args['unsigned-lists']) {
  try {
    signingKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  } catch (err) {
    usage(`cannot read the trust root key ${keyFile}: ${(err as Error).message}`);
  }
}
// HTTPS with the certificate and key given (PEM), as the authority's server speaks; plain HTTP without.
if ((args['tls-cert'] === undefined) !== (args['tls-key'] === undefined)) usage('"--tls-cert" and "--tls-key" go together');
let tls: { cert: string; key: string } | undefined;
if (args['tls-cert'] && args['tls-key']) {
  try {
    tls = { cert: readFileSync(args['tls-cert'], 'utf8'), key: readFileSync(args['tls-key'], 'utf8') };
  } catch (err) {
    usage(`cannot read the TLS certificate or key: ${(err as Error).message}`);
  }
}
const { server } = createUpstreamServer({ db, workstations, trustList, cscaList, signingKey, testControls: args['test-controls'], tls });
server.listen(port, args.host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  console.log(`Upstream reference server listening on ${tls ? 'https' : 'http'}://${host}:${actual} (database ${dbPath})`);
  for (const w of workstations) console.log(`TOKEN ${w.office}/${w.window} ${w.token}`);
});
const stop = () => server.close(() => {
  db.close();
  process.exit(0);
});
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
