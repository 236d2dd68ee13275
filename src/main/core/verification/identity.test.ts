import { describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import type { SscCardData } from '../../../shared/ssc-card';
import { demoCases } from '../demo/demo-cases';
import { crossCheckIdentity, mrzBirthDate } from './identity';
import { checkMrz } from './mrz';
import { td3For } from '../../../../test/support/mrz';

const c: PermitCase = demoCases('2026-11-23')[0];
const a = c.applicant;

describe('identity cross-check', () => {
  it('an MRZ birth date takes the latest century that is not in the future', () => {
    expect(mrzBirthDate('900412', '2026-11-23')).toBe('1990-04-12');
    expect(mrzBirthDate('261123', '2026-11-23')).toBe('2026-11-23');
    expect(mrzBirthDate('261124', '2026-11-23')).toBe('1926-11-24');
    expect(mrzBirthDate('9004', '2026-11-23')).toBeNull();
  });

  it('the case alone, or sources that agree with it, show no difference', () => {
    const [l1, l2] = td3For(a);
    const mrz = checkMrz(l1, l2);
    expect(mrz.ok).toBe(true);
    const card: SscCardData = { cardId: null, cardType: null, specVersion: null, issueDate: null, expiryDate: null, cardNumber: 'A1', ssn: a.ssn, name: a.name, sex: a.sex === 'X' ? null : a.sex, birthDate: a.birthDate, psam: true };
    const rows = crossCheckIdentity(c, { card, mrz: mrz.fields }, '2026-11-23');
    expect(rows.flatMap((r) => r.differs)).toEqual([]);
    expect(rows.find((r) => r.field === 'passportNo')!.values).toEqual({ case: a.passportNo, mrz: a.passportNo });
  });

  it('a source that disagrees is named on its row; a Chinese name on the card matches too', () => {
    const card: SscCardData = { cardId: null, cardType: null, specVersion: null, issueDate: null, expiryDate: null, cardNumber: 'A1', ssn: null, name: '某某', sex: null, birthDate: '1980-01-01', psam: true };
    const rows = crossCheckIdentity({ ...c, applicant: { ...a, nameZh: '某某', birthDate: '1981-01-01' } }, { card }, '2026-11-23');
    expect(rows.find((r) => r.field === 'name')!.differs).toEqual([]);
    expect(rows.find((r) => r.field === 'birthDate')).toMatchObject({ values: { case: '1981-01-01', card: '1980-01-01' }, differs: ['card'] });
  });
});
