import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import type { ApduChannel } from './apdu';
import { decodeBcdDate, decodeText, parseTaggedRecord } from './fields';
import { readSscCard } from './read-card';
import { modelPsamAuthenticator } from './psam';
import { keyedAuthenticator } from '../../../../test/sim/keyed-authenticator';

const channel = (dev: { respond(a: Uint8Array): Uint8Array }): ApduChannel => ({ transmit: async (a) => dev.respond(a) });

describe('reading a social security card (card logic, in-process card)', () => {
  it('reads every field with a PSAM, the name joined with its extension', async () => {
    const card = new VirtualSscCard(SAMPLE_HOLDER);
    const { data, apdus } = await readSscCard(channel(card), modelPsamAuthenticator(channel(new VirtualPsam())));
    expect(data).toEqual({
      cardId: SAMPLE_HOLDER.cardId,
      cardType: '3',
      specVersion: '3.00',
      issueDate: '2025-01-10',
      expiryDate: '2035-01-09',
      cardNumber: 'A12345678',
      ssn: SAMPLE_HOLDER.ssn,
      name: SAMPLE_HOLDER.name,
      sex: 'M',
      birthDate: '1990-04-12',
      psam: true,
    });
    // 3 selects, 11 reads by tag, GET CHALLENGE, the PSAM's cryptogram, EXTERNAL AUTHENTICATE.
    expect(apdus).toBe(17);
    // No APDU it does not need: not the initialising organisation, ethnicity or birthplace.
    expect(card.log.map((a) => (a[1] === 0xb2 ? a[2] : -1)).filter((t) => t >= 0)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 0x4e, 0x0a, 0x0d]);
  });

  it('reads a Chinese name in GBK', async () => {
    const { data } = await readSscCard(channel(new VirtualSscCard({ ...SAMPLE_HOLDER, name: "王大卫" })), modelPsamAuthenticator(channel(new VirtualPsam())));
    expect(data.name).toBe('王大卫');
  });

  it('without a PSAM returns EF05 and says the holder needs a PSAM, sending nothing to EF06', async () => {
    const card = new VirtualSscCard(SAMPLE_HOLDER);
    const { data } = await readSscCard(channel(card), null);
    expect(data).toMatchObject({ cardNumber: 'A12345678', ssn: null, name: null, birthDate: null, psam: false });
    expect(card.log.some((a) => a[1] === 0xa4 && a[6] === 0x06)).toBe(false);
  });

  it('fails with psam-auth-failed on a wrong cryptogram (63 Cx), naming the tries left', async () => {
    await expect(readSscCard(channel(new VirtualSscCard(SAMPLE_HOLDER)), modelPsamAuthenticator(channel(new VirtualPsam("00".repeat(16)))))).rejects.toMatchObject({
      code: 'psam-auth-failed',
      message: expect.stringContaining('2 tries left'),
    });
  });

  it('authenticates through another authenticator behind the same seam: no PSAM, no PSAM APDU, the same holder file', async () => {
    const card = new VirtualSscCard(SAMPLE_HOLDER);
    const vendor = keyedAuthenticator();
    const { data, apdus } = await readSscCard(channel(card), vendor);
    expect(data).toMatchObject({ ssn: SAMPLE_HOLDER.ssn, name: SAMPLE_HOLDER.name, birthDate: '1990-04-12', psam: true });
    expect(vendor.calls).toBe(1);
    // The card's 16 APDUs; the authenticator sent none.
    expect(apdus).toBe(16);
    // Its wrong key is refused by the card as the model's is; its failure to answer is a card error, not a crash.
    await expect(readSscCard(channel(new VirtualSscCard(SAMPLE_HOLDER)), keyedAuthenticator({ key: '11'.repeat(16) }))).rejects.toMatchObject({ code: 'psam-auth-failed' });
    await expect(readSscCard(channel(new VirtualSscCard(SAMPLE_HOLDER)), keyedAuthenticator({ unreachable: true }))).rejects.toMatchObject({ code: 'card-error', message: expect.stringContaining('does not answer') });
  });

  it('fails with not-ssc-card when the application is not there (6A 82)', async () => {
    await expect(readSscCard(channel(new VirtualSscCard({ ...SAMPLE_HOLDER, notSscCard: true })), null)).rejects.toMatchObject({ code: 'not-ssc-card' });
  });

  it('turns any answer at all into a result or a CardError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 30 }), async (answers) => {
        let i = 0;
        const random: ApduChannel = { transmit: async () => answers[i++ % answers.length] };
        try {
          await readSscCard(random, modelPsamAuthenticator(random));
        } catch (err) {
          expect((err as { code?: string }).code).toMatch(/^(bad-response|card-error|not-ssc-card|psam-auth-failed)$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('card field decoding', () => {
  it('reads BCD dates and refuses ones that do not exist or are padded', () => {
    expect(decodeBcdDate(Uint8Array.from([0x20, 0x26, 0x11, 0x23]))).toBe('2026-11-23');
    expect(decodeBcdDate(Uint8Array.from([0x20, 0x26, 0x02, 0x30]))).toBeNull();
    expect(decodeBcdDate(Uint8Array.from([0xff, 0xff, 0xff, 0xff]))).toBeNull();
  });
  it('strips 00 padding and refuses bytes that are not GBK', () => {
    expect(decodeText(Uint8Array.from([0xd5, 0xc5, 0xc8, 0xfd, 0, 0]), 'gbk')).toBe('张三');
    expect(decodeText(Uint8Array.from([0x81, 0x20]), 'gbk')).toBeNull();
  });
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 255 }), (b, tag) => {
        decodeBcdDate(b);
        decodeText(b, 'gbk');
        decodeText(b, 'ascii');
        parseTaggedRecord(b, tag);
      }),
    );
  });
});
