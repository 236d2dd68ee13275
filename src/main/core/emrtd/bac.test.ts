import { describe, expect, it } from 'vitest';
import { authenticateData, documentKeys, mrzInformation, sessionFrom } from './bac';
import { deriveKey } from './crypto';
import { SecureMessaging } from './secure-messaging';

// ICAO Doc 9303 Part 11, Appendix D: the worked example of BAC and secure messaging.
const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');
const H = (b: Buffer) => b.toString('hex').toUpperCase();

describe('Basic Access Control against ICAO 9303 Part 11 Appendix D', () => {
  it('D.1: computes the keys from a key seed', () => {
    expect(H(deriveKey(hex('239AB9CB282DAF66231DC5A4DF6BFBAE'), 1))).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(H(deriveKey(hex('239AB9CB282DAF66231DC5A4DF6BFBAE'), 2))).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });

  it('D.2: derives Kenc and Kmac from the MRZ information of L898902C< / 690806 / 940623', () => {
    const info = mrzInformation({ documentNumber: 'L898902C', birthDate: '690806', expiryDate: '940623' });
    expect(info).toBe('L898902C<369080619406236');
    const { kEnc, kMac } = documentKeys(info);
    expect([H(kEnc), H(kMac)]).toEqual(['AB94FDECF2674FDFB9B391F85D7F76F2', '7962D9ECE03D1ACD4C76089DCE131543']);
  });

  it('D.3: authenticates and establishes the session keys and the send sequence counter', () => {
    const keys = { kEnc: hex('AB94FDECF2674FDFB9B391F85D7F76F2'), kMac: hex('7962D9ECE03D1ACD4C76089DCE131543') };
    const rndIc = hex('4608F91988702212');
    const rndIfd = hex('781723860C06C226');
    const kIfd = hex('0B795240CB7049B01C19B33E32804F0B');
    expect(H(authenticateData(keys, rndIc, rndIfd, kIfd))).toBe('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2' + '5F1448EEA8AD90A7');
    const answer = hex('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449');
    const session = sessionFrom(keys, rndIc, rndIfd, kIfd, answer)!;
    expect([H(session.ksEnc), H(session.ksMac), H(session.ssc)]).toEqual(['979EC13B1CBFE9DCD01AB0FED307EAE5', 'F1CB1F1FB5ADF208806B89DC579DC1F8', '887022120C06C226']);
    // An answer whose MAC is broken, or that names another RND.IFD, opens nothing.
    const broken = Buffer.from(answer);
    broken[39] ^= 1;
    expect(sessionFrom(keys, rndIc, rndIfd, kIfd, broken)).toBeNull();
    expect(sessionFrom(keys, rndIc, hex('781723860C06C227'), kIfd, answer)).toBeNull();
  });

  it('D.4: protects SELECT EF.COM and two READ BINARY, and opens the answers (EF.COM read whole)', () => {
    const sm = new SecureMessaging({ ksEnc: hex('979EC13B1CBFE9DCD01AB0FED307EAE5'), ksMac: hex('F1CB1F1FB5ADF208806B89DC579DC1F8'), ssc: hex('887022120C06C226') });
    expect(H(sm.wrap({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: hex('011E') }))).toBe('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800');
    expect(sm.unwrap(hex('990290008E08FA855A5D4C50A8ED9000'))).toEqual({ data: Buffer.alloc(0), sw: 0x9000 });
    expect(H(sm.wrap({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, le: 4 }))).toBe('0CB000000D9701048E08ED6705417E96BA5500');
    expect(H(sm.unwrap(hex('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000')).data)).toBe('60145F01');
    expect(H(sm.wrap({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x04, le: 0x12 }))).toBe('0CB000040D9701128E082EA28A70F3C7B53500');
    expect(H(sm.unwrap(hex('871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000')).data)).toBe('04303130365F36063034303030305C026175');
  });

  it('refuses an answer whose MAC does not verify', () => {
    const sm = new SecureMessaging({ ksEnc: hex('979EC13B1CBFE9DCD01AB0FED307EAE5'), ksMac: hex('F1CB1F1FB5ADF208806B89DC579DC1F8'), ssc: hex('887022120C06C226') });
    sm.wrap({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: hex('011E') });
    expect(() => sm.unwrap(hex('990290008E08FA855A5D4C50A8EE9000'))).toThrow(/MAC/);
  });
});
