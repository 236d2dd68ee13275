/**
 * `npm run web`: the same core and renderer as the Electron app, served on 127.0.0.1 for a Chromium
 * kiosk or a browser. Prints one line: the URL to open.
 *   node out/main/web.js [--port N] [--host ADDRESS] [--data DIR] [--display-port N …]
 * With `--display-port`, the applicant's screen is served for a tablet too (host/display-options.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppStore } from '../core/boot';
import { createLogger } from '../core/log/logger';
import { loadOrCreateAuditKey, loadOrCreateStoreKey, openSecrets, StoreKeyMissingError } from '../platform/secrets';
import { StoreError } from '../core/store/store';
import { defaultDataDir, findAppRoot } from '../host/paths';
import { startWebHost } from './server';
import { startHostCore } from '../host/host-core';
import { startDisplayHost, type DisplayHost } from './display-host';
import { DISPLAY_ARGS, DISPLAY_USAGE, parseDisplayOptions, type DisplayOptions } from '../host/display-options';

const log = createLogger('web');

async function main(): Promise<void> {
  let args;
  let displayOptions: DisplayOptions | null;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '4780' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        ...DISPLAY_ARGS,
      },
      strict: true,
    }).values;
    displayOptions = parseDisplayOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`web: ${(err as Error).message}\nusage: npm run web -- [--port N] [--host ADDRESS] [--data DIR] ${DISPLAY_USAGE}`);
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
  let display: DisplayHost | null = null;
  const { core, stop: stopCore } = await startHostCore({ root, dataDir, db, secrets, displayUrls: () => display?.urls() ?? [] });
  const rendererDir = join(root, 'out', 'renderer');
  const host = await startWebHost({ core, rendererDir, host: args.host, port });
  if (displayOptions) {
    try {
      display = await startDisplayHost({ core, rendererDir, ...displayOptions });
    } catch (err) {
      // A display that cannot listen (its port taken, a certificate that does not load) is said, and the window works without it.
      console.error(`web: the applicant display cannot be served on ${displayOptions.host}:${displayOptions.port} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  if (!['127.0.0.1', '::1', 'localhost'].includes(args.host)) log.warn('listening beyond loopback', { host: args.host });
  console.log(`Acceptance window (web host) is ready: open ${host.launchUrl}`);
  if (display) console.log(`Applicant display for a tablet: ${display.urls().join(' ')}`);
  const stop = () => {
    void Promise.all([host.close(), display?.close(), stopCore()]).then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
