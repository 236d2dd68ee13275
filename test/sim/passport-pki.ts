/**
 * A passport's data and its Document Security Object, made for the tests with the OpenSSL command line
 * (not with the library the app checks them with): a CSCA certificate, a Document Signer it issued
 * (ECDSA P-256, RSA PKCS#1 v1.5 or RSA-PSS), the LDSSecurityObject (ICAO 9303 Part 10 §4.6.2) written
 * by `openssl asn1parse -genconf`, and the SOD as `openssl cms -sign` makes it. DG1 holds the MRZ
 * (tag 61, 5F1F), DG2 a face image (tag 75, inside 7F61/7F60/5F2E, simplified: no biometric header).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SignerKind = 'ec' | 'rsa' | 'rsa-pss';

const ssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

function tlv(tag: number[], value: Buffer): Buffer {
  const n = value.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([...tag, ...len]), value]);
}

export function dg1Of(lines: string[]): Buffer {
  return tlv([0x61], tlv([0x5f, 0x1f], Buffer.from(lines.join(''), 'latin1')));
}

export function dg2Of(jpeg: Buffer): Buffer {
  return tlv([0x75], tlv([0x7f, 0x61], Buffer.concat([tlv([0x02], Buffer.from([1])), tlv([0x7f, 0x60], tlv([0x5f, 0x2e], jpeg))])));
}

export function comOf(): Buffer {
  return tlv([0x60], Buffer.concat([tlv([0x5f, 0x01], Buffer.from('0107')), tlv([0x5f, 0x36], Buffer.from('040000')), tlv([0x5c], Buffer.from([0x61, 0x75]))]));
}

/** A CSCA (self-signed) and its key, in `dir`. */
export function makeCsca(dir: string, name: string, kind: SignerKind): { cert: string; key: string; der: Buffer } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  if (kind === 'ec') ssl(dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key);
  else ssl(dir, 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key);
  ssl(dir, 'req', '-x509', '-new', '-key', key, '-subj', `/C=UT/O=Utopia/CN=${name}`, '-days', '3650', '-out', cert, '-sha256', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  return { cert, key, der: ssl(dir, 'x509', '-in', cert, '-outform', 'DER') };
}

export interface MadePassport {
  files: { com: Buffer; dg1: Buffer; dg2: Buffer; sod: Buffer };
  csca: Buffer;
  dir: string;
}

/** The data groups and their SOD, signed by a Document Signer under `csca` (made when not given). */
export function makePassport(opts: { mrz: string[]; photo: Buffer; signer: SignerKind; csca?: { cert: string; key: string; der: Buffer } }): MadePassport {
  const dir = mkdtempSync(join(tmpdir(), 'acw-passport-'));
  const csca = opts.csca ?? makeCsca(dir, 'CSCA Utopia', opts.signer === 'ec' ? 'ec' : 'rsa');
  const dsKey = join(dir, 'ds.key');
  if (opts.signer === 'ec') ssl(dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', dsKey);
  else ssl(dir, 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', dsKey);
  ssl(dir, 'req', '-new', '-key', dsKey, '-subj', '/C=UT/O=Utopia/CN=Document Signer 1', '-out', 'ds.csr');
  writeFileSync(join(dir, 'ds.ext'), 'keyUsage=critical,digitalSignature\n');
  // The serial file in this passport's own folder: never beside a CSCA given from elsewhere (the repository's demo one).
  ssl(dir, 'x509', '-req', '-in', 'ds.csr', '-CA', csca.cert, '-CAkey', csca.key, '-CAserial', join(dir, 'csca.srl'), '-CAcreateserial', '-days', '3650', '-sha256', '-extfile', 'ds.ext', '-out', 'ds.pem');
  const com = comOf();
  const dg1 = dg1Of(opts.mrz);
  const dg2 = dg2Of(opts.photo);
  const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex').toUpperCase();
  writeFileSync(
    join(dir, 'lds.cnf'),
    [
      'asn1=SEQUENCE:lds',
      '[lds]', 'version=INTEGER:0', 'alg=SEQUENCE:alg', 'groups=SEQUENCE:groups',
      '[alg]', 'oid=OID:sha256',
      '[groups]', 'g1=SEQUENCE:g1', 'g2=SEQUENCE:g2',
      '[g1]', 'n=INTEGER:1', `h=FORMAT:HEX,OCTETSTRING:${hash(dg1)}`,
      '[g2]', 'n=INTEGER:2', `h=FORMAT:HEX,OCTETSTRING:${hash(dg2)}`,
    ].join('\n') + '\n',
  );
  ssl(dir, 'asn1parse', '-genconf', 'lds.cnf', '-out', 'lds.der', '-noout');
  const pss = opts.signer === 'rsa-pss' ? ['-keyopt', 'rsa_padding_mode:pss'] : [];
  ssl(dir, 'cms', '-sign', '-binary', '-nodetach', '-nosmimecap', '-econtent_type', '2.23.136.1.1.1', '-md', 'sha256', '-in', 'lds.der', '-signer', 'ds.pem', '-inkey', dsKey, ...pss, '-outform', 'DER', '-out', 'sod.der');
  const sod = tlv([0x77], readFileSync(join(dir, 'sod.der')));
  return { files: { com, dg1, dg2, sod }, csca: csca.der, dir };
}

/** What OpenSSL says of an SOD against a CSCA: whether `openssl cms -verify` accepts it. */
export function opensslAccepts(made: MadePassport, sod: Buffer = made.files.sod): boolean {
  const body = sod[1] < 0x80 ? sod.subarray(2) : sod.subarray(2 + (sod[1] & 0x7f));
  writeFileSync(join(made.dir, 'check.der'), body);
  writeFileSync(join(made.dir, 'csca.der'), made.csca);
  ssl(made.dir, 'x509', '-inform', 'DER', '-in', 'csca.der', '-out', 'csca-check.pem');
  try {
    ssl(made.dir, 'cms', '-verify', '-inform', 'DER', '-in', 'check.der', '-binary', '-CAfile', 'csca-check.pem', '-purpose', 'any', '-out', '/dev/null');
    return true;
  } catch {
    return false;
  }
}

/** A certificate that is no CA (as a Document Signer's), self-signed with `key`, as DER. */
export function makeLeafCertificate(dir: string, key: string): Buffer {
  ssl(dir, 'req', '-x509', '-new', '-key', key, '-subj', '/CN=Not a CA', '-days', '10', '-out', 'leaf.pem', '-addext', 'basicConstraints=critical,CA:FALSE');
  return ssl(dir, 'x509', '-in', 'leaf.pem', '-outform', 'DER');
}

/**
 * An ICAO master list (Part 12 §9): the CscaMasterList SEQUENCE { version INTEGER 0, certList SET OF
 * Certificate }, written out in DER here, in a CMS SignedData that `openssl cms -sign` makes with the
 * signer given.
 */
export function makeMasterList(dir: string, signer: { cert: string; key: string }, certificates: Buffer[]): Buffer {
  const der = (tag: number, body: Buffer) => tlv([tag], body);
  writeFileSync(join(dir, 'ml.der'), der(0x30, Buffer.concat([Buffer.from([0x02, 0x01, 0x00]), der(0x31, Buffer.concat(certificates))])));
  ssl(dir, 'cms', '-sign', '-binary', '-nodetach', '-nosmimecap', '-econtent_type', '2.23.136.1.1.2', '-in', 'ml.der', '-signer', signer.cert, '-inkey', signer.key, '-outform', 'DER', '-out', 'ml.cms');
  return readFileSync(join(dir, 'ml.cms'));
}
