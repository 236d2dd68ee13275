/**
 * The Electron host: window management only. The core (store, cases, accounts, audit) is the same
 * one the web host runs; calls from the window reach it over one IPC channel, validated there.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../core/api/core';
import { startScannerService } from '../core/scanners/scanner-service';
import { systemScannerDrivers } from '../platform/scanners/drivers';
import { startCardWatcher } from '../core/ssc-card/card-watcher';
import { systemCardReaders } from '../platform/card-readers';
import { getSettings } from '../core/settings/settings';
import { openAppStore } from '../core/boot';
import { createLogger } from '../core/log/logger';
import { findAppRoot } from '../host/paths';
import { loadTrustRoots } from '../host/trust-roots';
import { systemCaCertificates } from '../platform/tls/system-roots';
import { createHeadFile } from '../platform/audit-head/head-file';
import { choosePrinter } from '../core/printing/choose-printer';
import { systemPrinters } from '../platform/printers';
import { createIpcBridge } from './ipc-bridge';
import { openAppSecrets } from './key-store';
import { loadOrCreateAuditKey, loadOrCreateStoreKey } from '../platform/secrets';
import { createMainWindow, lockDownSession, openApplicantScreen, rendererPaths } from './window';

const log = createLogger('electron');
export const API_CHANNEL = 'acw:call';
export const EVENT_CHANNEL = 'acw:event';

async function start(): Promise<void> {
  await app.whenReady();
  const root = findAppRoot(import.meta.dirname);
  const outDir = join(root, 'out');
  const userData = app.getPath('userData');
  // The start script builds better-sqlite3 for Electron's ABI beside the Node build (scripts/start.mjs).
  const nativeBinding = process.env.ACW_ELECTRON_SQLITE_BINDING;
  // The store key, the token and the audit key, where the system keeps secrets best (said under Devices).
  const secrets = openAppSecrets(userData);
  log.info('secrets', { kind: secrets.where.kind, where: secrets.where.name });
  const dbPath = join(userData, 'store.db');
  const db = await openAppStore({
    dbPath,
    key: loadOrCreateStoreKey(secrets, dbPath),
    auditKey: loadOrCreateAuditKey(secrets),
    resourcesDir: join(root, 'resources'),
    nativeBinding,
  });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  // The same spooler path as the web host, so every print's outcome is read back from the spooler.
  const printers = systemPrinters();
  // The authority's roots every received trust list must be signed by, pinned at installation.
  const { roots: trustRoots } = loadTrustRoots(root);
  // The roots the system trusts, for the authority's server certificate unless the office sets its CA.
  const systemCa = systemCaCertificates();
  log.info('tls roots', { source: systemCa.source, count: systemCa.certificates.length });
  // The audit chain's head, sealed in a file apart from the store after each call that moved it.
  const core = createCore({ db, version, printers, trustRoots, systemCa: systemCa.certificates, secrets, auditHead: createHeadFile(join(userData, 'audit-head.json')) });
  // The first start picks the system's default printer, or its only one.
  await choosePrinter(db, printers, new Date());
  const paths = rendererPaths(outDir);
  lockDownSession(paths.rendererIndex);

  const bridge = createIpcBridge(core);
  ipcMain.handle(API_CHANNEL, (event, method: unknown, params: unknown) => bridge.handle(event, method, params));
  // The background sync with the authority's system (idle until an upstream URL and token are set).
  core.sync.start();
  const scanners = startScannerService(core.events, getSettings(db), { drivers: systemScannerDrivers() });
  const cards = startCardWatcher(core.events, getSettings(db), { readerFor: systemCardReaders() });
  core.events.subscribe((e) => {
    // Each window gets the event as its session's role may see it.
    for (const win of BrowserWindow.getAllWindows()) {
      const event = bridge.eventFor(win.webContents, e);
      if (event) win.webContents.send(EVENT_CHANNEL, event);
    }
  });

  createMainWindow({ ...paths, kiosk: process.argv.includes('--kiosk') || process.env.ACW_KIOSK === '1' });
  openApplicantScreen(paths);
  app.on('window-all-closed', () => {
    void Promise.all([scanners.stop(), cards.stop(), core.sync.stop()]).then(() => {
      db.close();
      app.quit();
    });
  });
  log.info('started');
}

start().catch((err: Error) => {
  log.error('start failed', { error: err.name });
  console.error(err.message);
  app.exit(1);
});
