import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { makeTestPki } from '../../../../test/support/test-ca';
import { systemCaCertificates } from './system-roots';

describe("the system's roots", () => {
  it.skipIf('getCACertificates' in tls)("on Linux, the system bundle (where an office's IT adds its CA) beside Node's own roots", () => {
    const pki = makeTestPki();
    const bundle = join(mkdtempSync(join(tmpdir(), 'acw-bundle-')), 'ca-certificates.crt');
    writeFileSync(bundle, pki.caPem);
    const found = systemCaCertificates('linux', ['/no/such/bundle.crt', bundle]);
    expect(found.source).toBe(bundle);
    expect(found.certificates[0].trim()).toBe(pki.caPem.trim());
    expect(found.certificates.length).toBe(rootCertificates.length + 1);
  });

  // A Node that reads the OS store itself (22.15 and later, Electron's) asks it instead.
  it.skipIf('getCACertificates' in tls)("with no bundle to read, Node's roots alone, and says so", () => {
    expect(systemCaCertificates('linux', ['/no/such/bundle.crt'])).toEqual({ certificates: [...rootCertificates], source: 'Node' });
    expect(systemCaCertificates('win32').source).toBe('Node');
  });
});
