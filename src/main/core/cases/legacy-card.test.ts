import { describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import { windowCase } from '../verification/test-records';
import { legacyCard } from './legacy-card';

const base: PermitCase = { ...windowCase('2026-11-23'), validFrom: '2026-12-01', validTo: '2028-11-30' };

describe("the reform's old physical work permit card", () => {
  it('a permit whose validity began before 1 December 2024 is an old card; from that day it is not', () => {
    expect(legacyCard({ ...base, validFrom: '2024-11-30', validTo: '2027-11-29' }, '2026-11-23')).toMatchObject({ by: 'validity-before-reform', state: 'valid', validTo: '2027-11-29', permitNo: base.permitNo });
    expect(legacyCard({ ...base, validFrom: '2024-12-01' }, '2026-11-23')).toBeNull();
    expect(legacyCard(base, '2026-11-23')).toBeNull();
  });

  it('upstream may mark it (physicalCard: true) whatever its dates; only true counts', () => {
    expect(legacyCard({ ...base, physicalCard: true } as PermitCase, '2026-11-23')).toMatchObject({ by: 'upstream', state: 'valid' });
    expect(legacyCard({ ...base, physicalCard: 'yes' } as unknown as PermitCase, '2026-11-23')).toBeNull();
  });

  it('stays valid to its last day, is expired the day after, and says when the case gives no end', () => {
    const old = { ...base, validFrom: '2024-01-10', validTo: '2026-11-23' };
    expect(legacyCard(old, '2026-11-23')!.state).toBe('valid');
    expect(legacyCard(old, '2026-11-24')!.state).toBe('expired');
    expect(legacyCard({ ...old, validTo: undefined }, '2026-11-24')!.state).toBe('validity-unknown');
  });
});
