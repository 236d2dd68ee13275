/**
 * The Electron host: window management only. The core (store, cases, accounts, audit) is the same
 * one the web host runs; calls from the window reach it over one IPC channel, validated there.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { openAppStore } from '../core/boot';
import { createLogger } from '../core/log/logger';
import { findAppRoot } from '../host/paths';
import { createIpcBridge } from './ipc-bridge';
import { startHostCore } from '../host/host-core';
import { startDisplayHost, type DisplayHost } from '../web/display-host';
import { parseDisplayOptions, type DisplayOptions } from '../host/display-options';
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
  // A tablet for the applicant, when the office asks for one on the command line (host/display-options.ts).
  let displayOptions: DisplayOptions | null = null;
  try {
    displayOptions = parseDisplayOptions(process.argv.slice(1));
  } catch (err) {
    log.error('applicant display options refused', { why: (err as Error).message });
  }
  let display: DisplayHost | null = null;
  const { core, stop: stopCore } = await startHostCore({ root, dataDir: userData, db, secrets, displayUrls: () => display?.urls() ?? [] });
  const paths = rendererPaths(outDir);
  lockDownSession(paths.rendererIndex);

  const bridge = createIpcBridge(core);
  ipcMain.handle(API_CHANNEL, (event, method: unknown, params: unknown) => bridge.handle(event, method, params));
  core.events.subscribe((e) => {
    // Each window gets the event as its session's role may see it.
    for (const win of BrowserWindow.getAllWindows()) {
      const event = bridge.eventFor(win.webContents, e);
      if (event) win.webContents.send(EVENT_CHANNEL, event);
    }
  });

  createMainWindow({ ...paths, kiosk: process.argv.includes('--kiosk') || process.env.ACW_KIOSK === '1' });
  openApplicantScreen(paths);
  if (displayOptions) {
    display = await startDisplayHost({ core, rendererDir: join(outDir, 'renderer'), ...displayOptions }).catch((err: NodeJS.ErrnoException) => {
      log.error('applicant display not served', { error: err.code ?? err.name });
      return null;
    });
  }
  app.on('window-all-closed', () => {
    void Promise.all([display?.close(), stopCore()]).then(() => {
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
