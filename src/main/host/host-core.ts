import { eloamCamera } from '../platform/document-camera/eloam';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../core/api/core';
import { createLogger } from '../core/log/logger';
import type { SecretPort } from '../core/secrets/secret-port';
import { createHeadFile } from '../platform/audit-head/head-file';
import { systemCardReaders } from '../platform/card-readers';
import { systemPrinters } from '../platform/printers';
import { systemScannerDrivers } from '../platform/scanners/drivers';
import { systemCaCertificates } from '../platform/tls/system-roots';
import { loadTrustRoots } from './trust-roots';

const log = createLogger('host');

/**
 * The core as both hosts (Electron and the web host) run it, with the system's ports: the print
 * spooler, the pinned trust roots, the system's CA certificates, the audit head file in the data
 * directory, the scanners and card readers; the background sync started.
 */
export async function startHostCore(opts: { root: string; dataDir: string; db: Database; secrets: SecretPort; displayUrls: () => string[] }): Promise<{ core: Core; stop(): Promise<void> }> {
  const { root, db } = opts;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  // The same spooler path in both hosts, so every print's outcome is read back from the spooler.
  const printers = systemPrinters();
  // The authority's roots every received trust list must be signed by, pinned at installation.
  const { roots: trustRoots } = loadTrustRoots(root);
  // The roots the system trusts, for the authority's server certificate unless the office sets its CA.
  const systemCa = systemCaCertificates();
  log.info('tls roots', { source: systemCa.source, count: systemCa.certificates.length });
  const core = createCore({
    db,
    scannerDrivers: systemScannerDrivers(),
    cardReaders: systemCardReaders(),
    version,
    printers,
    trustRoots,
    systemCa: systemCa.certificates,
    secrets: opts.secrets,
    // The audit chain's head, sealed in a file apart from the store after each call that moved it.
    auditHead: createHeadFile(join(opts.dataDir, 'audit-head.json')),
    displayUrls: opts.displayUrls,
    // A vendor's document-camera service on this computer, when Settings name one (Eloam's WebCamera).
    documentCameras: (url) => eloamCamera(url),
  });
  await core.start();
  return { core, stop: () => core.stop() };
}
