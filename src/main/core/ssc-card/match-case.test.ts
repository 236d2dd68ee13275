import { describe, expect, it } from 'vitest';
import { demoCases } from '../demo/demo-cases';
import { compareCardWithCase } from './match-case';

const c = demoCases('2026-11-23').find((x) => x.applicant.ssn && x.applicant.nameZh)!;
const card = {
  cardId: null, cardType: '3', specVersion: '3.00', issueDate: null, expiryDate: null, cardNumber: 'A1',
  ssn: c.applicant.ssn, name: c.applicant.name, sex: c.applicant.sex as 'M' | 'F', birthDate: c.applicant.birthDate, psam: true,
};

describe('matching a card with the case', () => {
  it('finds nothing to say when number, name and birth date agree; the Chinese name matches too', () => {
    expect(compareCardWithCase(card, c)).toEqual([]);
    expect(compareCardWithCase({ ...card, name: c.applicant.nameZh }, c)).toEqual([]);
    expect(compareCardWithCase({ ...card, name: c.applicant.name.toLowerCase().replace(',', ', ') }, c)).toEqual([]);
  });
  it('lists each field that differs', () => {
    expect(compareCardWithCase({ ...card, birthDate: '1901-01-01', ssn: 'X' }, c).map((d) => d.field)).toEqual(['ssn', 'birthDate']);
    expect(compareCardWithCase({ ...card, name: 'SOMEONE,ELSE' }, c).map((d) => d.field)).toEqual(['name']);
  });
  it('does not compare what a card read without a PSAM lacks', () => {
    expect(compareCardWithCase({ ...card, ssn: null, name: null, birthDate: null, psam: false }, c)).toEqual([]);
  });
});
