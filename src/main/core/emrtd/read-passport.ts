import { parseMrz } from '../mrz/format';
import type { BacKey } from './bac';
import { ChipError, EF, openChip, type ChipChannel } from './chip';
import type { PassportRead } from '../../../shared/passport';
import { passiveAuthentication } from './passive-auth';
import { tlvHeader } from './tlv';

/** The value of the first data object with this tag (one or two bytes) in a BER-TLV tree, searched depth first. */
function find(data: Uint8Array, tag: number[]): Buffer | null {
  for (let i = 0; i < data.length; ) {
    const h = tlvHeader(data, i);
    if (!h || h.valueAt + h.length > data.length) return null;
    const value = data.subarray(h.valueAt, h.valueAt + h.length);
    if (h.tag.length === tag.length && h.tag.every((b, k) => b === tag[k])) return Buffer.from(value);
    // A constructed object: look inside.
    if (h.tag[0] & 0x20) {
      const inner = find(value, tag);
      if (inner) return inner;
    }
    i = h.valueAt + h.length;
  }
  return null;
}

/** The MRZ of DG1 (5F1F) as lines: 88 characters are a TD3's two lines of 44, 72 a TD2's, 90 a TD1's three of 30. */
export function dg1Lines(dg1: Uint8Array): string[] | null {
  const mrz = find(dg1, [0x5f, 0x1f])?.toString('latin1');
  if (!mrz) return null;
  const width = mrz.length === 90 ? 30 : mrz.length === 72 ? 36 : mrz.length === 88 ? 44 : 0;
  if (!width) return null;
  return Array.from({ length: mrz.length / width }, (_, k) => mrz.slice(k * width, (k + 1) * width));
}

/** The face image in DG2: inside 5F2E (or 7F2E) after its biometric header, by its JPEG or JPEG 2000 signature. */
export function dg2Photo(dg2: Uint8Array): PassportRead['photo'] {
  const block = find(dg2, [0x5f, 0x2e]) ?? find(dg2, [0x7f, 0x2e]);
  if (!block) return null;
  const jpeg = block.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
  const jp2 = block.indexOf(Buffer.from('0000000c6a5020200d0a870a', 'hex'));
  const codestream = block.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  const at = [jpeg, jp2, codestream].filter((x) => x >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return null;
  const image = block.subarray(at);
  return { mime: at === jpeg ? 'image/jpeg' : 'image/jp2', bytes: image.length, base64: image.toString('base64') };
}

export type { PassportRead };

/** A read that got no data: why (an access or transport problem, or no key), and how the chip was opened, if it was. */
export const unreadPassport = (problem: string, access: PassportRead['access'] = null): PassportRead => ({ ok: false, access, dg1: null, photo: null, passiveAuthentication: 'not-checked', problems: [problem] });

/**
 * A passport's chip read whole: PACE or BAC with the key from the MRZ, EF.COM, DG1 (the MRZ as the chip holds
 * it), DG2 (the face image) and EF.SOD, then passive authentication against the CSCAs in force. `ok`
 * only for a full read whose passive authentication is `valid`.
 */
export async function readPassport(channel: ChipChannel, key: BacKey, cscas: Uint8Array[]): Promise<PassportRead> {
  let chip;
  try {
    chip = await openChip(channel, key);
  } catch (err) {
    if (err instanceof ChipError) return unreadPassport(err.reason);
    throw err;
  }
  try {
    const dg1 = await chip.readFile(EF.DG1);
    const dg2 = await chip.readFile(EF.DG2);
    const sod = await chip.readFile(EF.SOD);
    const problems: string[] = [];
    const lines = dg1 ? dg1Lines(dg1) : null;
    const verdict = lines ? parseMrz(lines) : null;
    if (!dg1) problems.push('no-dg1');
    else if (!verdict?.fields) problems.push('dg1-unreadable');
    const photo = dg2 ? dg2Photo(dg2) : null;
    if (!photo) problems.push('no-photo');
    const groups = new Map<number, Uint8Array>();
    if (dg1) groups.set(1, dg1);
    if (dg2) groups.set(2, dg2);
    const pa = await passiveAuthentication(sod, groups, cscas);
    problems.push(...pa.problems.filter((p) => /^DG\d+$/.test(p)).map((p) => `hash-mismatch:${p}`));
    const f = verdict?.fields;
    return {
      ok: pa.verdict === 'valid' && !!f && !!photo,
      access: chip.access,
      dg1: lines && f ? { lines, fields: { documentNumber: f.documentNumber, surname: f.surname, givenNames: f.givenNames, nationality: f.nationality, birthDate: f.birthDate, sex: f.sex, expiryDate: f.expiryDate } } : null,
      photo,
      passiveAuthentication: pa.verdict,
      problems: pa.verdict === 'valid' || pa.verdict === 'hash-mismatch' ? problems : [...problems, pa.verdict],
    };
  } catch (err) {
    if (err instanceof ChipError) return unreadPassport(err.reason, chip.access);
    throw err;
  }
}
