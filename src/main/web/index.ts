/**
 * `npm run web`: the same core and renderer as the Electron app, served on 127.0.0.1 for a Chromium
 * kiosk or a browser. Prints one line: the URL to open.
 *   node out/main/web.js [--port N] [--host ADDRESS] [--data DIR]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/api/core';
import { startScannerService } from '../core/scanners/scanner-service';
import { systemScannerDrivers } from '../platform/scanners/drivers';
import { startCardWatcher } from '../core/ssc-card/card-watcher';
import { systemCardReaders } from '../platform/card-readers';
import { getSettings } from '../core/settings/settings';
import { openAppStore } from '../core/boot';
import { createLogger } from '../core/log/logger';
import { loadOrCreateAuditKey, loadOrCreateStoreKey, openSecrets, StoreKeyMissingError } from '../platform/secrets';
import { StoreError } from '../core/store/store';
import { defaultDataDir, findAppRoot } from '../host/paths';
import { startWebHost } from './server';
import { loadTrustRoots } from '../host/trust-roots';
import { systemCaCertificates } from '../platform/tls/system-roots';
import { createHeadFile } from '../platform/audit-head/head-file';
import { choosePrinter } from '../core/printing/choose-printer';
import { systemPrinters } from '../platform/printers';

const log = createLogger('web');

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: { port: { type: 'string', default: '4780' }, host: { type: 'string', default: '127.0.0.1' }, data: { type: 'string' } },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`web: ${(err as Error).message}\nusage: npm run web -- [--port N] [--host ADDRESS] [--data DIR]`);
    process.exit(2);
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('web: "--port" must be a whole number from 0 to 65535');
    process.exit(2);
  }
  const root = findAppRoot(import.meta.dirname);
  const dataDir = args.data ?? defaultDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The store key, the token and the audit key: in the OS key store where one works, else 0600 files here.
  const secrets = openSecrets(dataDir);
  log.info('secrets', { kind: secrets.where.kind, where: secrets.where.name });
  const dbPath = join(dataDir, 'store.db');
  let db;
  try {
    db = await openAppStore({
      dbPath,
      key: loadOrCreateStoreKey(secrets, dbPath),
      auditKey: loadOrCreateAuditKey(secrets),
      resourcesDir: join(root, 'resources'),
    });
  } catch (err) {
    if (err instanceof StoreError) {
      console.error(`web: ${err.message} (${err.code})`);
      process.exit(1);
    }
    if (err instanceof StoreKeyMissingError) {
      console.error(`web: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const printers = systemPrinters();
  // The authority's roots every received trust list must be signed by, pinned at installation.
  const { roots: trustRoots } = loadTrustRoots(root);
  // The roots the system trusts, for the authority's server certificate unless the office sets its CA.
  const systemCa = systemCaCertificates();
  log.info('tls roots', { source: systemCa.source, count: systemCa.certificates.length });
  // The audit chain's head, sealed in a file apart from the store after each call that moved it.
  const core = createCore({ db, version, printers, trustRoots, systemCa: systemCa.certificates, secrets, auditHead: createHeadFile(join(dataDir, 'audit-head.json')) });
  // The first start picks the system's default printer, or its only one, and says so on the Devices screen.
  await choosePrinter(db, printers, new Date()).catch(() => null);
  // The background sync with the authority's system (idle until an upstream URL and token are set).
  core.sync.start();
  const scanners = startScannerService(core.events, getSettings(db), { drivers: systemScannerDrivers() });
  const cards = startCardWatcher(core.events, getSettings(db), { readerFor: systemCardReaders() });
  const host = await startWebHost({ core, rendererDir: join(root, 'out', 'renderer'), host: args.host, port });
  if (!['127.0.0.1', '::1', 'localhost'].includes(args.host)) log.warn('listening beyond loopback', { host: args.host });
  console.log(`Acceptance window (web host) is ready: open ${host.launchUrl}`);
  const stop = () => {
    void Promise.all([host.close(), scanners.stop(), cards.stop(), core.sync.stop()]).then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
