/**
 * The card logic over the real PC/SC stack: pcscd with vpcd's two virtual readers, a virtual card in
 * "Virtual PCD 00 00" and a virtual PSAM in "Virtual PCD 00 01". One file, so nothing else uses the
 * readers at the same time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPassport } from '../../../../test/sim/virtual-passport';
import { makePassport } from '../../../../test/sim/passport-pki';
import { td3For } from '../../../../test/support/mrz';
import { runCli } from '../../../../test/support/cli';
import { releasePcscd, startPcscd, stopPcscd } from '../../../../test/support/pcscd';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import { VPCD_CARD_PORT, VPCD_SAM_PORT, VpcdSlot } from '../../../../test/sim/vpcd';
import { openPcscSession } from './pcsc';
import { readSscCard } from '../../core/ssc-card/read-card';
import { modelPsamAuthenticator } from '../../core/ssc-card/psam';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { cardReaderPortContract } from './card-reader-port.contract';
import { cardReaderFor } from '.';

const slots: VpcdSlot[] = [];
async function insert(device: VirtualSscCard | VirtualPsam, port: number, delayMs = 0): Promise<VpcdSlot> {
  const slot = new VpcdSlot(device, port, '127.0.0.1', delayMs);
  await slot.insert();
  slots.push(slot);
  return slot;
}
/** pcscd polls vpcd: give it a moment to see a card come or go. */
const settle = () => new Promise((r) => setTimeout(r, 700));

async function read() {
  const session = await openPcscSession({ timeoutMs: 3000 });
  try {
    return await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam));
  } finally {
    await session.close();
  }
}

beforeAll(startPcscd, 10_000);
afterEach(async () => {
  for (const s of slots.splice(0)) await s.remove();
  await settle();
});
afterAll(async () => {
  // Leave no daemon the suite started (the last test stops and restarts it); a machine's own pcscd,
  // socket-activated, starts again on its next client.
  await releasePcscd();
});

cardReaderPortContract('PC/SC (pcscd with vpcd, virtual card and PSAM)', async () => {
  const mine: VpcdSlot[] = [];
  return {
    port: cardReaderFor({ ...DEFAULT_SETTINGS, cardReader: 'pcsc' })!,
    insertCard: async (h) => {
      mine.push(await insert(new VirtualSscCard(h), VPCD_CARD_PORT));
      await settle();
    },
    insertPsam: async () => {
      mine.push(await insert(new VirtualPsam(), VPCD_SAM_PORT));
      await settle();
    },
    teardown: async () => undefined,
  };
});

describe('social security card over PC/SC (pcscd + vpcd)', () => {
  it('reads the whole card with a PSAM in the SAM slot', async () => {
    await insert(new VirtualPsam(), VPCD_SAM_PORT);
    await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT);
    await settle();
    const { data, apdus } = await read();
    expect(data).toMatchObject({ cardId: SAMPLE_HOLDER.cardId, ssn: SAMPLE_HOLDER.ssn, name: SAMPLE_HOLDER.name, birthDate: '1990-04-12', psam: true });
    expect(apdus).toBe(17);
  }, 15_000);

  it('without a PSAM returns the card identification and psam false', async () => {
    await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT);
    await settle();
    const { data } = await read();
    expect(data).toMatchObject({ cardNumber: 'A12345678', name: null, ssn: null, psam: false });
  }, 15_000);

  it('ends in psam-auth-failed when the PSAM computes a wrong cryptogram (63 Cx)', async () => {
    await insert(new VirtualPsam('11'.repeat(16)), VPCD_SAM_PORT);
    await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT);
    await settle();
    await expect(read()).rejects.toMatchObject({ code: 'psam-auth-failed' });
  }, 15_000);

  it('ends in not-ssc-card for a card without the social security application (6A 82)', async () => {
    await insert(new VirtualSscCard({ ...SAMPLE_HOLDER, notSscCard: true }), VPCD_CARD_PORT);
    await settle();
    await expect(read()).rejects.toMatchObject({ code: 'not-ssc-card' });
  }, 15_000);

  it('ends in no-card when the reader is empty', async () => {
    await expect(read()).rejects.toMatchObject({ code: 'no-card' });
  }, 15_000);

  it('ends in card-removed when the card is pulled out mid-read, and nothing hangs', async () => {
    await insert(new VirtualPsam(), VPCD_SAM_PORT);
    const slot = await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT, 60);
    await settle();
    const reading = read();
    setTimeout(() => void slot.remove(), 400);
    await expect(reading).rejects.toMatchObject({ code: 'card-removed' });
  }, 15_000);

  it('card read on the command line prints the card as one JSON object, or an error and exit 1', async () => {
    const cli = async () => {
      const { code, stdout } = await runCli('card', 'read');
      return { code, out: JSON.parse(stdout) };
    };
    await insert(new VirtualPsam(), VPCD_SAM_PORT);
    await insert(new VirtualSscCard({ ...SAMPLE_HOLDER, sex: 'F', name: '林慧玲' }), VPCD_CARD_PORT);
    await settle();
    expect(await cli()).toEqual({
      code: 0,
      out: {
        cardId: SAMPLE_HOLDER.cardId, cardType: '3', specVersion: '3.00', issueDate: '2025-01-10', expiryDate: '2035-01-09',
        cardNumber: 'A12345678', ssn: SAMPLE_HOLDER.ssn, name: '林慧玲', sex: 'F', birthDate: '1990-04-12', psam: true,
      },
    });
    for (const s of slots.splice(0)) await s.remove();
    await settle();
    expect(await cli()).toEqual({ code: 1, out: { error: 'no-card', message: expect.any(String) } });
  }, 30_000);

  it('passport read opens a virtual passport with the MRZ, reads its chip and proves it genuine, or says why not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acw-passport-cli-'));
    const made: string[] = [dir];
    try {
      const lines = td3For({ name: 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF,HUBERT BLAINE', passportNo: 'C01X00T47', nationality: 'USA', birthDate: '1985-03-09', sex: 'M' }, '320415');
      const photo = await sharp({ create: { width: 240, height: 320, channels: 3, background: '#b0a090' } }).jpeg({ quality: 90 }).toBuffer();
      const rsa = makePassport({ mrz: lines, photo, signer: 'rsa' });
      const ec = makePassport({ mrz: lines, photo, signer: 'ec' });
      made.push(rsa.dir, ec.dir);
      const pem = (der: Buffer, name: string) => {
        const path = join(dir, name);
        writeFileSync(path, `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`);
        return path;
      };
      const cscaFile = pem(rsa.csca, 'csca-rsa.pem');
      const bothFile = join(dir, 'both.pem');
      writeFileSync(bothFile, readFileSync(cscaFile, 'utf8') + readFileSync(pem(ec.csca, 'csca-ec.pem'), 'utf8'));
      const key = { documentNumber: 'C01X00T47', birthDate: '850309', expiryDate: '320415' };
      const filesOf = (m: typeof rsa, dg1 = m.files.dg1) => ({ 0x011e: m.files.com, 0x0101: dg1, 0x0102: m.files.dg2, 0x011d: m.files.sod });
      const readWith = async (files: Record<number, Buffer>, ...args: string[]) => {
        // A German-style chip (PACE offered, BAC refused) when the first argument asks for it.
        const pace = args[0] === '(pace)' ? args.shift() && ({ cipher: 'AES-128', parameterId: 13, refuseBac: true } as const) : undefined;
        const slot = new VpcdSlot(new VirtualPassport(files, key, pace ? { pace } : {}), VPCD_CARD_PORT);
        await slot.insert();
        await settle();
        try {
          const r = await runCli('passport', 'read', ...args);
          expect(r.code, r.stderr).toBe(0);
          return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
        } finally {
          await slot.remove();
          await settle();
        }
      };
      const valid = await readWith(filesOf(rsa), '--mrz', lines[1], '--csca', bothFile);
      expect(valid).toMatchObject({ ok: true, access: 'BAC', passiveAuthentication: 'valid', problems: [], photo: { mime: 'image/jpeg', bytes: photo.length } });
      expect(valid.dg1).toEqual({ lines, fields: { documentNumber: 'C01X00T47', surname: 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF', givenNames: 'HU', nationality: 'USA', birthDate: '850309', sex: 'M', expiryDate: '320415' } });
      expect(await readWith(filesOf(ec), '--document-number', 'C01X00T47', '--birth-date', '850309', '--expiry-date', '320415', '--csca', bothFile)).toMatchObject({ ok: true, passiveAuthentication: 'valid' });
      // PACE over pcscd: the chip refuses BAC, its CardAccess offers PACE-ECDH-GM-AES on brainpoolP256r1.
      expect(await readWith(filesOf(ec), '(pace)', '--mrz', lines[1], '--csca', bothFile)).toMatchObject({ ok: true, access: 'PACE', passiveAuthentication: 'valid', dg1: { lines } });
      expect(await readWith(filesOf(ec), '(pace)', '--document-number', 'C01X00T48', '--birth-date', '850309', '--expiry-date', '320415')).toMatchObject({ ok: false, access: null, problems: ['access-denied'] });
      const altered = Buffer.from(rsa.files.dg1);
      altered[12] = 0x58;
      expect(await readWith(filesOf(rsa, altered), '--mrz', lines[1], '--csca', cscaFile)).toMatchObject({ ok: false, passiveAuthentication: 'hash-mismatch', problems: ['hash-mismatch:DG1'] });
      expect(await readWith(filesOf(ec), '--mrz', lines[1], '--csca', cscaFile)).toMatchObject({ ok: false, passiveAuthentication: 'unknown-csca' });
      const broken = Buffer.from(rsa.files.sod);
      broken[broken.length - 5] ^= 0x10;
      expect(await readWith({ ...filesOf(rsa), 0x011d: broken }, '--mrz', lines[1], '--csca', cscaFile)).toMatchObject({ ok: false, passiveAuthentication: 'bad-signature' });
      // A misread character in the MRZ: the chip stays shut.
      expect(await readWith(filesOf(rsa), '--document-number', 'C01X00T48', '--birth-date', '850309', '--expiry-date', '320415')).toEqual({ ok: false, access: null, dg1: null, photo: null, passiveAuthentication: 'not-checked', problems: ['access-denied'] });
      expect((await runCli('passport', 'read', '--mrz', 'short')).code).toBe(2);
    } finally {
      for (const d of made) rmSync(d, { recursive: true, force: true });
    }
  }, 90_000);

  it('ends in pcsc-unavailable when pcscd is stopped', async () => {
    await stopPcscd();
    await expect(read()).rejects.toMatchObject({ code: 'pcsc-unavailable' });
    await startPcscd();
  }, 20_000);
});
