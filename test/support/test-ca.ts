/**
 * A certificate authority of the tests' own, made with the openssl command line: an office's PKI as
 * the window meets it. The CA, a server certificate it issued for 127.0.0.1 and localhost, and a second
 * CA that issued nothing the server uses (for the certificate a window must refuse).
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  caPem: string;
  otherCaPem: string;
  serverCertFile: string;
  serverKeyFile: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo, as an upstream pin is written. */
  serverPin: string;
  caPin: string;
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

function newCa(dir: string, name: string, cn: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30', '-subj', `/CN=${cn}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

// Computed here apart from the app's own pin code, so the pin tests hold it to something it did not write.
export const spkiPin = (pem: string) => createHash('sha256').update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'acw-pki-'));
  newCa(dir, 'ca', 'Test Office Authority CA');
  newCa(dir, 'other-ca', 'Someone Else CA');
  openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '30', '-extfile', 'server.ext']);
  const caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
  const serverPem = readFileSync(join(dir, 'server.pem'), 'utf8');
  return {
    dir,
    caPem,
    otherCaPem: readFileSync(join(dir, 'other-ca.pem'), 'utf8'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server.key'),
    serverPin: spkiPin(serverPem),
    caPin: spkiPin(caPem),
  };
}
