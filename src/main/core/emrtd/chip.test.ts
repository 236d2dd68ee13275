import { describe, expect, it } from 'vitest';
import { VirtualPassport, type ChipQuirks } from '../../../../test/sim/virtual-passport';
import { ChipError, EF, openWithBac } from './chip';

// Files with the shapes of Part 10 (a tag, a BER length, content); the content here is filler.
const file = (tag: number, size: number) => {
  const body = Buffer.alloc(size, 0).map((_, i) => (i * 31 + tag) & 0xff);
  const len = size < 0x80 ? [size] : size < 0x100 ? [0x81, size] : [0x82, size >> 8, size & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
};
const FILES = { [EF.COM]: file(0x60, 20), [EF.DG1]: file(0x61, 91), [EF.DG2]: file(0x75, 20_480), [EF.SOD]: file(0x77, 1800) };
const MRZ = { documentNumber: 'E1234567', birthDate: '900412', expiryDate: '300101' };

function chip(quirks: ChipQuirks = {}) {
  const card = new VirtualPassport(FILES, MRZ, quirks);
  return { transmit: async (apdu: Uint8Array) => card.respond(apdu) };
}

describe('reading an eMRTD over BAC and secure messaging (against a virtual chip written from the standard)', () => {
  it('opens the chip with the MRZ key and reads EF.COM, DG1, a 20 KB DG2 and the SOD whole', async () => {
    const open = await openWithBac(chip(), MRZ);
    for (const fid of [EF.COM, EF.DG1, EF.DG2, EF.SOD]) expect((await open.readFile(fid))!.equals(FILES[fid])).toBe(true);
    expect(await open.readFile(0x0103)).toBeNull();
  });

  it('copes with chips that refuse long reads, answer short, or refuse Le on SELECT', async () => {
    for (const quirks of [{ maxRead: 160 }, { maxRead: 112 }, { shortReads: true }, { refuseLeOnSelect: true }]) {
      const open = await openWithBac(chip(quirks), MRZ);
      expect((await open.readFile(EF.DG2))!.equals(FILES[EF.DG2]), JSON.stringify(quirks)).toBe(true);
    }
  });

  it('says access-denied when the MRZ given does not open the chip, and no-chip when the card has no eMRTD application', async () => {
    await expect(openWithBac(chip(), { ...MRZ, documentNumber: 'E1234568' })).rejects.toMatchObject({ reason: 'access-denied' });
    const notAPassport = { transmit: async () => Uint8Array.from([0x6a, 0x82]) };
    const err = await openWithBac(notAPassport, MRZ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChipError);
    expect(err).toMatchObject({ reason: 'no-chip' });
  });
});
