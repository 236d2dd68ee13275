import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCsca, makePassport, opensslAccepts, type MadePassport } from '../../../../test/sim/passport-pki';
import { td3For } from '../../../../test/support/mrz';
import { passiveAuthentication } from './passive-auth';

const MRZ = td3For({ name: 'ERIKSSON,ANNA MARIA', passportNo: 'L898902C', nationality: 'UTO', birthDate: '1974-08-12', sex: 'F' }, '301231');
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20_000, 7), Buffer.from([0xff, 0xd9])]);
const made: MadePassport[] = [];
afterAll(() => made.forEach((m) => rmSync(m.dir, { recursive: true, force: true })));
const passport = (signer: 'ec' | 'rsa' | 'rsa-pss') => {
  const m = makePassport({ mrz: MRZ, photo: PHOTO, signer });
  made.push(m);
  return m;
};
const groups = (m: MadePassport, dg1 = m.files.dg1) => new Map([[1, dg1], [2, m.files.dg2]]);

describe('passive authentication of a chip’s data (SODs made by the OpenSSL command line)', () => {
  for (const signer of ['ec', 'rsa', 'rsa-pss'] as const) {
    it(`says valid for data groups as signed, a ${signer} Document Signer under the CSCA in the list (as OpenSSL does)`, async () => {
      const m = passport(signer);
      expect(opensslAccepts(m)).toBe(true);
      expect(await passiveAuthentication(m.files.sod, groups(m), [m.csca])).toMatchObject({ verdict: 'valid', mismatched: [], signer: expect.stringContaining('Document Signer 1'), csca: expect.stringContaining('CSCA Utopia') });
    }, 30_000);
  }

  it('names the data group altered, a signature broken, a CSCA not in the list, and a chip without a SOD', async () => {
    const m = passport('ec');
    const altered = Buffer.from(m.files.dg1);
    altered[10] = altered[10] === 0x3c ? 0x41 : 0x3c;
    expect(await passiveAuthentication(m.files.sod, groups(m, altered), [m.csca])).toMatchObject({ verdict: 'hash-mismatch', mismatched: [1] });
    // The signature's last byte changed: OpenSSL refuses it too.
    const broken = Buffer.from(m.files.sod);
    broken[broken.length - 3] ^= 0x01;
    expect(opensslAccepts(m, broken)).toBe(false);
    expect((await passiveAuthentication(broken, groups(m), [m.csca])).verdict).toBe('bad-signature');
    const other = makeCsca(m.dir, 'CSCA Elsewhere', 'ec');
    expect((await passiveAuthentication(m.files.sod, groups(m), [other.der])).verdict).toBe('unknown-csca');
    expect((await passiveAuthentication(m.files.sod, groups(m), [])).verdict).toBe('unknown-csca');
    expect((await passiveAuthentication(null, groups(m), [m.csca])).verdict).toBe('no-sod');
    expect((await passiveAuthentication(Buffer.from([0x77, 0x03, 0x30, 0x01, 0x00]), groups(m), [m.csca])).verdict).toBe('bad-signature');
  }, 60_000);
});
