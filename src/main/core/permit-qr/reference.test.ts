import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findReference } from './reference';
import { verifyPermitQr } from './verify';

const verify = (text: string) => verifyPermitQr(text, { trust: null, now: new Date('2026-11-23T03:00:00Z') });

describe('reference QR codes (permit-qr.md § Reference QR)', () => {
  it('a URL that names its notice or permit gives it whatever its characters, as it stands', () => {
    for (const [url, reference, kind] of [
      ['https://fwp.example.cn/check?noticeNo=2024-BJ-000042', '2024-BJ-000042', 'notice'],
      ['https://fwp.example.cn/check?NOTICENO=wpn-lower-7', 'wpn-lower-7', 'notice'],
      ['https://fwp.example.cn/check?lang=zh&notice=%E4%BA%AC%E5%A4%96%E8%AE%B8%EF%BC%882024%EF%BC%89042', '京外许（2024）042', 'notice'],
      ['https://fwp.example.cn/check?Nn=%20A%2FB%2FC%20', 'A/B/C', 'notice'],
      ['https://fwp.example.cn/check?permitNo=X1', 'X1', 'permit'],
      ['https://fwp.example.cn/v?PERMIT=110-108-2026', '110-108-2026', 'permit'],
      ['https://fwp.example.cn/v?pn=P%2B7&noticeNo=N1', 'P+7', 'permit'],
    ] as const) {
      expect(findReference(url), url).toEqual({ reference, referenceKind: kind });
      expect(verify(url)).toEqual({ verdict: 'REFERENCE', reference, referenceKind: kind });
    }
  });

  it('a named value that is empty, longer than 64 characters or holds a control character is not taken by its name', () => {
    expect(findReference('https://fwp.example.cn/check?noticeNo=')).toBeNull();
    expect(findReference('https://fwp.example.cn/check?noticeNo=%20%20')).toBeNull();
    expect(findReference(`https://fwp.example.cn/check?noticeNo=${'A'.repeat(65)}`)).toBeNull();
    expect(findReference('https://fwp.example.cn/check?noticeNo=AB%00CD')).toBeNull();
    expect(findReference('https://fwp.example.cn/check?noticeNo=AB%0ACD')).toBeNull();
    // 64 characters are taken.
    expect(findReference(`https://fwp.example.cn/check?noticeNo=${'A'.repeat(64)}`)).toEqual({ reference: 'A'.repeat(64), referenceKind: 'notice' });
    // A bad named value does not hide a number of the right form elsewhere in the URL.
    expect(findReference('https://fwp.example.cn/permit/110108202600001000?noticeNo=')).toEqual({ reference: '110108202600001000', referenceKind: 'permit' });
  });

  it('without a name, a value or path segment counts only by its form', () => {
    expect(findReference('https://fwp.example.cn/check?id=2024-BJ-000042')).toBeNull();
    expect(findReference('https://fwp.example.cn/check?id=WPN110108202600001')).toEqual({ reference: 'WPN110108202600001', referenceKind: 'notice' });
    expect(findReference('https://fwp.example.cn/permit/110108202600001000')).toEqual({ reference: '110108202600001000', referenceKind: 'permit' });
    expect(findReference('https://fwp.example.cn/about')).toBeNull();
    expect(verify('https://fwp.example.cn/about')).toEqual({ verdict: 'NOT_A_PERMIT' });
  });

  it('only an https:// URL is read for a reference', () => {
    expect(findReference('http://fwp.example.cn/check?noticeNo=2024-BJ-000042')).toBeNull();
    expect(findReference('ftp://fwp.example.cn/check?noticeNo=2024-BJ-000042')).toBeNull();
  });

  it('any printable value under a name comes back trimmed, unchanged otherwise', () => {
    const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0 && !/[\p{C}\u2028\u2029]/u.test(s) && s.trim().length <= 64);
    fc.assert(
      fc.property(printable, fc.constantFrom('noticeNo', 'NOTICE', 'nn', 'permitNo', 'Permit', 'PN'), (value, name) => {
        const url = `https://fwp.example.cn/check?${new URLSearchParams({ [name]: value })}`;
        expect(findReference(url)?.reference).toBe(value.trim());
      }),
    );
  });
});
