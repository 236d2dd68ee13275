import { describe, expect, it } from 'vitest';
import { upstreamQueries } from '../case-view/handlers';
import { backoffMs } from '../outbox/outbox';
import { retryAfterMs } from './upstream-client';

describe('retry timing', () => {
  it('backs off exponentially with jitter between half and all of the ceiling, up to five minutes', () => {
    expect(backoffMs(0, () => 0)).toBe(1000);
    expect(backoffMs(0, () => 1)).toBe(2000);
    expect(backoffMs(3, () => 1)).toBe(16_000);
    expect(backoffMs(3, () => 0)).toBe(8000);
    expect(backoffMs(30, () => 1)).toBe(300_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores nonsense', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 22:00:30 GMT', Date.parse('2026-11-27T22:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe('what an online lookup asks for', () => {
  it('a permit, notice or social security number (both tried where they look alike), or a passport with its nationality; a name is not looked up', () => {
    expect(upstreamQueries('110108 2026 0000 1000 ')).toEqual([{ permitNo: '110108202600001000' }]);
    expect(upstreamQueries('GBR119650101000010')).toEqual([{ noticeNo: 'GBR119650101000010' }, { ssn: 'GBR119650101000010' }]);
    expect(upstreamQueries('wpn1101082026000012')).toEqual([{ noticeNo: 'WPN1101082026000012' }]);
    expect(upstreamQueries('GBR G00000007')).toEqual([{ nationality: 'GBR', passportNo: 'G00000007' }]);
    expect(upstreamQueries('SMITH, JOHN')).toEqual([]);
  });
});
