import { existsSync, readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { pemCertificates } from '../../core/upstream-link/upstream-tls';

/** The CA bundles the Linux families the counters run keep their system's roots in (an office adds its CA there). */
const LINUX_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/**
 * The roots the system trusts, with Node's own (Mozilla's) beside them: a Node that can read the OS
 * store asks it (Electron's Node does, on Windows and macOS too), otherwise the Linux system bundle is
 * read (Debian, UOS, Kylin: update-ca-certificates; openEuler: update-ca-trust). Where neither exists
 * (the web host's Node 20 on Windows), Node's own roots alone: said by `source`.
 */
export function systemCaCertificates(platform: NodeJS.Platform = process.platform, bundles = LINUX_BUNDLES): { certificates: string[]; source: string } {
  const getCa = (tls as { getCACertificates?: (type: 'system' | 'bundled') => string[] }).getCACertificates;
  if (getCa) {
    try {
      return { certificates: [...getCa('system'), ...getCa('bundled')], source: 'system store and Node' };
    } catch {
      // An older Node that knows the call but not 'system': the file below, or Node's own.
    }
  }
  if (platform !== 'win32') {
    const file = bundles.find((f) => existsSync(f));
    if (file) {
      const pem = pemCertificates(readFileSync(file, 'utf8'));
      if (pem.length) return { certificates: [...pem, ...tls.rootCertificates], source: file };
    }
  }
  return { certificates: [...tls.rootCertificates], source: 'Node' };
}
