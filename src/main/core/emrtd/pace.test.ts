/**
 * PACE against data not written here: ICAO 9303 Part 11 Appendix G.1's worked example (ECDH Generic
 * Mapping on brainpoolP256r1, AES-128) replayed APDU by APDU with the example's ephemeral keys; a
 * 3DES PACE recorded from a real passport; AES secure messaging recorded after PACE (both from gmrtd's
 * tests, MIT). Then whole reads from the virtual chip, which runs PACE on its side (with an AES-CMAC of
 * its own), refuses BAC as German passports do, and says no to a wrong MRZ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brainpoolP256r1 } from '@noble/curves/misc.js';
import { describe, expect, it } from 'vitest';
import { VirtualPassport, type ChipQuirks } from '../../../../test/sim/virtual-passport';
import { EF, openChip } from './chip';
import { authToken, choosePace, decryptNonce, paceInfos, passwordKey, runPace } from './pace';
import { SecureMessaging } from './secure-messaging';

const V = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'test', 'data', 'passport', 'pace-vectors.json'), 'utf8'));
const hex = (h: string) => Buffer.from(h, 'hex');
const big = (h: string) => BigInt(`0x${h}`);

/** A chip that is a recording: each command must be the one recorded, and gets the recorded answer. */
function replay(apdus: [string, string][]) {
  let i = 0;
  return {
    transmit: async (c: Uint8Array) => {
      const [command, answer] = apdus[i++] ?? ['(none)', ''];
      expect(Buffer.from(c).toString('hex').toUpperCase()).toBe(command.toUpperCase());
      return hex(answer);
    },
    done: () => i === apdus.length,
  };
}

describe('PACE (ICAO 9303 Part 11 §4.4), against published and recorded vectors', () => {
  it('reproduces Appendix G.1: the password key, the nonce, the mapped generator, the session keys and both tokens, APDU for APDU', async () => {
    const g = V.appendixG1;
    const choice = choosePace(paceInfos(hex(g.cardAccess)));
    expect(choice).toEqual({ protocol: { oid: '0.4.0.127.0.7.2.2.4.2.2', cipher: 'AES', keyLength: 16 }, parameterId: 13 });
    const p = choice!.protocol;
    expect(passwordKey(g.mrz, p).toString('hex').toUpperCase()).toBe(g.kPi);
    expect(decryptNonce(hex(g.kPi), hex(g.encryptedNonce), p).toString('hex').toUpperCase()).toBe(g.nonce);
    // The mapping as the appendix computes it: H = SK·PK_chip, G' = s·G + H.
    const P = brainpoolP256r1.Point;
    const chipMap = P.fromBytes(hex(g.apdus[2][1].slice(8, 8 + 130)));
    const h = chipMap.multiply(big(g.terminalMappingKey)).toAffine();
    expect([h.x, h.y].map((v) => v.toString(16).toUpperCase().padStart(64, '0'))).toEqual(g.sharedPointH);
    const mapped = P.BASE.multiply(big(g.nonce)).add(chipMap.multiply(big(g.terminalMappingKey))).toAffine();
    expect([mapped.x, mapped.y].map((v) => v.toString(16).toUpperCase().padStart(64, '0'))).toEqual(g.mappedGenerator);

    const keys = [big(g.terminalMappingKey), big(g.terminalAgreementKey)];
    const chip = replay(g.apdus);
    const session = await runPace(chip, g.mrz, choice!, () => keys.shift()!);
    expect(chip.done()).toBe(true);
    expect(session.ksEnc.toString('hex').toUpperCase()).toBe(g.ksEnc);
    expect(session.ksMac.toString('hex').toUpperCase()).toBe(g.ksMac);
    expect(session).toMatchObject({ cipher: 'AES', ssc: Buffer.alloc(16) });
  });

  it('reproduces a 3DES PACE recorded from a real passport, and refuses the chip’s token when it is not the one expected', async () => {
    const t = V.tdesTrace;
    const choice = choosePace(paceInfos(hex(t.cardAccess)))!;
    expect(choice.protocol).toMatchObject({ cipher: '3DES' });
    const keys = [big(t.terminalMappingKey), big(t.terminalAgreementKey)];
    const session = await runPace(replay(t.apdus), t.mrz, choice, () => keys.shift()!);
    expect(session.ksEnc.toString('hex')).toBe(t.ksEnc);
    expect(session.ksMac.toString('hex')).toBe(t.ksMac);
    expect(session.ssc).toEqual(Buffer.alloc(8));
    // The same exchange whose last answer carries another token: the chip is not who it says.
    const forged: [string, string][] = t.apdus.map((a: [string, string], i: number) => (i === 4 ? [a[0], a[1].replace('cb57047c809079f6', 'cb57047c809079f7')] : a));
    const again = [big(t.terminalMappingKey), big(t.terminalAgreementKey)];
    await expect(runPace(replay(forged), t.mrz, choice, () => again.shift()!)).rejects.toMatchObject({ stage: 'authentication' });
  });

  it('protects a command and opens an answer under AES secure messaging as recorded after PACE', () => {
    const { command: c, answer: a } = V.aesSecureMessaging;
    const sscAfter = (h: string) => hex(h);
    const out = new SecureMessaging({ ksEnc: hex(c.ksEnc), ksMac: hex(c.ksMac), ssc: sscAfter(c.sscBefore), cipher: 'AES' });
    expect(out.wrap({ cla: c.plain.cla, ins: c.plain.ins, p1: c.plain.p1, p2: c.plain.p2, data: hex(c.plain.data) }).toString('hex')).toBe(c.protected);
    const back = new SecureMessaging({ ksEnc: hex(a.ksEnc), ksMac: hex(a.ksMac), ssc: sscAfter(a.sscBefore), cipher: 'AES' });
    expect(back.unwrap(hex(a.protected))).toEqual({ data: hex(a.plain), sw: 0x9000 });
    // One bit of the answer changed: its MAC no longer holds.
    const tampered = hex(a.protected);
    tampered[20] ^= 1;
    const again = new SecureMessaging({ ksEnc: hex(a.ksEnc), ksMac: hex(a.ksMac), ssc: sscAfter(a.sscBefore), cipher: 'AES' });
    expect(() => again.unwrap(tampered)).toThrow(/MAC/);
  });

  it('makes the tokens of the appendix from its session keys', () => {
    const g = V.appendixG1;
    const p = choosePace(paceInfos(hex(g.cardAccess)))!.protocol;
    const chipKey = hex(g.apdus[3][1].slice(8, 8 + 130));
    expect(authToken(hex(g.ksMac), p.oid, chipKey, p).toString('hex').toUpperCase()).toBe('C2B0BD78D94BA866');
  });
});

const file = (tag: number, size: number) => {
  const body = Buffer.alloc(size, 0).map((_, i) => (i * 17 + tag) & 0xff);
  const len = size < 0x80 ? [size] : size < 0x100 ? [0x81, size] : [0x82, size >> 8, size & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
};
const FILES = { [EF.COM]: file(0x60, 20), [EF.DG1]: file(0x61, 91), [EF.DG2]: file(0x75, 18_000), [EF.SOD]: file(0x77, 1900) };
const MRZ = { documentNumber: 'C01X00T47', birthDate: '850309', expiryDate: '320415' };
const chip = (quirks: ChipQuirks) => {
  const card = new VirtualPassport(FILES, MRZ, quirks);
  return { transmit: async (apdu: Uint8Array) => card.respond(apdu) };
};

describe('a chip that offers PACE (the virtual chip, written from the standard)', () => {
  for (const pace of [
    { cipher: 'AES-128', parameterId: 13, refuseBac: true },
    { cipher: 'AES-256', parameterId: 16, refuseBac: true },
    { cipher: '3DES', parameterId: 12 },
  ] as const) {
    it(`is opened with PACE (${pace.cipher}, domain parameters ${pace.parameterId}) and its files read whole under secure messaging`, async () => {
      const open = await openChip(chip({ pace }), MRZ);
      expect(open.access).toBe('PACE');
      for (const fid of [EF.COM, EF.DG1, EF.DG2, EF.SOD]) expect((await open.readFile(fid))?.equals(FILES[fid])).toBe(true);
    });
  }

  it('says access-denied for a wrong MRZ, and a chip without CardAccess is still opened with BAC', async () => {
    await expect(openChip(chip({ pace: { cipher: 'AES-128', parameterId: 13, refuseBac: true } }), { ...MRZ, documentNumber: 'C01X00T48' })).rejects.toMatchObject({ reason: 'access-denied' });
    expect((await openChip(chip({}), MRZ)).access).toBe('BAC');
  });

  it('offers PACE on parameters this reader does not run: it is read with BAC instead', async () => {
    // A CardAccess offering only DH (MODP) PACE, whose BAC still opens.
    const card = new VirtualPassport(FILES, MRZ, {});
    const dhOnly = Buffer.from('31143012060a04007f0007020204010202010202010000', 'hex').subarray(0, 22);
    const channel = {
      transmit: async (apdu: Uint8Array) => (apdu[1] === 0xb0 && apdu[2] === 0x9c ? Buffer.concat([dhOnly, Buffer.from([0x90, 0x00])]) : card.respond(apdu)),
    };
    expect(choosePace(paceInfos(dhOnly))).toBeNull();
    expect((await openChip(channel, MRZ)).access).toBe('BAC');
  });
});
