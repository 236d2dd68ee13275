/**
 * The Electron host: window management only. The core (store, cases, accounts, audit) is the same
 * one the web host runs; calls from the window reach it over one IPC channel, validated there.
 */
import { app, ipcMain, type WebContents } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../core/api/core';
import type { Session } from '../core/api/handler-spec';
import { openAppStore } from '../core/boot';
import { createLogger } from '../core/log/logger';
import { findAppRoot } from '../host/paths';
import { loadOrCreateSafeKey } from './key-store';
import { createMainWindow, lockDownSession, rendererPaths } from './window';

const log = createLogger('electron');
export const API_CHANNEL = 'acw:call';

async function start(): Promise<void> {
  await app.whenReady();
  const root = findAppRoot(import.meta.dirname);
  const outDir = join(root, 'out');
  const userData = app.getPath('userData');
  // The start script builds better-sqlite3 for Electron's ABI beside the Node build (scripts/start.mjs).
  const nativeBinding = process.env.ACW_ELECTRON_SQLITE_BINDING;
  const db = await openAppStore({
    dbPath: join(userData, 'store.db'),
    key: loadOrCreateSafeKey(join(userData, 'store.key.enc')),
    resourcesDir: join(root, 'resources'),
    nativeBinding,
  });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const core = createCore({ db, version });
  const paths = rendererPaths(outDir);
  lockDownSession(paths.rendererIndex);

  const sessions = new WeakMap<WebContents, Session>();
  ipcMain.handle(API_CHANNEL, (event, method: unknown, params: unknown) => {
    if (!event.senderFrame || !event.senderFrame.url.startsWith('file://')) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are taken only from the app window.' } };
    }
    let session = sessions.get(event.sender);
    if (!session) sessions.set(event.sender, (session = core.openSession()));
    return core.call(session, typeof method === 'string' ? method : '', params);
  });

  createMainWindow({ ...paths, kiosk: process.argv.includes('--kiosk') || process.env.ACW_KIOSK === '1' });
  app.on('window-all-closed', () => {
    db.close();
    app.quit();
  });
  log.info('started');
}

start().catch((err: Error) => {
  log.error('start failed', { error: err.name });
  console.error(err.message);
  app.exit(1);
});
