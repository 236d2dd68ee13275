// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../../shared/cases';
import type { ApiResult } from '../../../shared/errors';
import type { ApiCall } from '../../../shared/handlers';
import type { PermitScanResult } from '../../../shared/permit-qr';
import type { SscCardData } from '../../../shared/ssc-card';
import { initialVisit, useVisit, visitReducer, type VisitState } from './visit-store';

/** A case as the core sends it, cut to what the visit reads (its notice number and version). */
const view = (noticeNo: string, version = 1) => ({ case: { noticeNo, version } }) as unknown as CaseView;
const scan = (verdict: string) => ({ check: { verdict } }) as unknown as PermitScanResult;
const card = { cardNumber: 'C1' } as unknown as SscCardData;

/**
 * A core whose answers the test gives, one call at a time and in any order: each call waits until
 * the test answers it, so a slow answer can be made to arrive after a newer one.
 */
function fakeCore() {
  const calls: { method: string; params: unknown; answer: (r: ApiResult<unknown>) => Promise<void> }[] = [];
  const api = ((method: string, params: unknown) =>
    new Promise((resolve) => {
      calls.push({
        method,
        params,
        answer: async (r) => {
          await act(async () => {
            resolve(r);
            await Promise.resolve();
          });
        },
      });
    })) as unknown as ApiCall;
  return { api, calls };
}
const ok = (value: unknown): ApiResult<unknown> => ({ ok: true, value });

describe('the visit store', () => {
  it('opening another case starts its visit afresh: nothing of the last case’s scan, card, MRZ or change stays', () => {
    let s: VisitState = visitReducer(initialVisit, { type: 'asked', seq: 1 });
    s = visitReducer(s, { type: 'scanned', seq: 1, outcome: { scan: scan('VALID'), differences: [], found: true }, view: view('A'), qrText: 'HC1:A' });
    s = visitReducer(s, { type: 'carded', seq: 1, outcome: { card, differences: [], found: true }, readId: 7, view: view('A') });
    s = visitReducer(s, { type: 'mrz', line1: 'P<UTO', line2: 'L898902C3' });
    s = visitReducer(s, { type: 'case-changed', noticeNo: 'A', status: 'withdrawn', previous: 'awaiting_verification' });
    s = visitReducer(s, { type: 'queue-no', value: 'A012' });
    expect(s).toMatchObject({ qrText: 'HC1:A', cardReadId: 7, readerMrz: { line1: 'P<UTO' }, changed: { status: 'withdrawn' } });
    // The same case again (a second scan of its notice) keeps what its visit gathered.
    const same = visitReducer({ ...s, asked: 2 }, { type: 'scanned', seq: 2, outcome: { scan: scan('VALID'), differences: [], found: true }, view: view('A', 2), qrText: 'HC1:A' });
    expect(same).toMatchObject({ cardReadId: 7, readerMrz: { line1: 'P<UTO' }, open: { case: { version: 2 } } });
    const other = visitReducer({ ...s, asked: 3 }, { type: 'opened', seq: 3, view: view('B'), step: 'document' });
    expect(other).toMatchObject({ open: { case: { noticeNo: 'B' } }, step: 'document', scanned: null, carded: null, changed: null, cardError: null, qrText: null, cardReadId: null, readerMrz: null });
    // The queue number is the visitor's, not the case's: it stays until the record is signed off.
    expect(other.queueNo).toBe('A012');
    expect(visitReducer(other, { type: 'closed', seq: 4 })).toMatchObject({ open: null, step: null, queueNo: 'A012' });
  });

  it('of two quick opens, the second is the one open, whichever answer comes last', async () => {
    const core = fakeCore();
    const { result } = renderHook(() => useVisit(core.api));
    let first!: Promise<void>, second!: Promise<void>;
    act(() => {
      first = result.current[1].openCase('A');
      second = result.current[1].openCase('B');
    });
    await core.calls[1].answer(ok(view('B')));
    await core.calls[0].answer(ok(view('A')));
    await Promise.all([first, second]);
    expect(result.current[0].open?.case.noticeNo).toBe('B');
  });

  it('a case that answers after the clerk went back (Back, F2) does not open', async () => {
    const core = fakeCore();
    const { result } = renderHook(() => useVisit(core.api));
    let opening!: Promise<void>;
    act(() => {
      opening = result.current[1].openCase('A');
    });
    act(() => result.current[1].close());
    await core.calls[0].answer(ok(view('A')));
    await opening;
    expect(result.current[0].open).toBeNull();
  });

  it('says a failed call where the clerk looks, and the next good answer clears it', async () => {
    const core = fakeCore();
    const { result } = renderHook(() => useVisit(core.api));
    let p!: Promise<void>;
    act(() => {
      p = result.current[1].search('Smith');
    });
    await core.calls[0].answer({ ok: false, error: { code: 'internal', message: 'down' } });
    await p;
    expect(result.current[0].error?.code).toBe('internal');
    act(() => {
      p = result.current[1].openCase('A');
    });
    await core.calls[1].answer(ok(view('A')));
    await p;
    expect(result.current[0]).toMatchObject({ error: null, open: { case: { noticeNo: 'A' } } });
  });

  it('a scan that finds a case opens it with its QR; a reference QR opens it without; one that finds none closes the open case', async () => {
    const core = fakeCore();
    const { result } = renderHook(() => useVisit(core.api));
    const scanWith = async (text: string, answer: unknown) => {
      let p!: Promise<void>;
      act(() => {
        p = result.current[1].openFromScan(text, 'wedge');
      });
      await core.calls.at(-1)!.answer(ok(answer));
      await p;
      return result.current[0];
    };
    expect(await scanWith('HC1:A', { scan: scan('VALID'), case: view('A'), differences: [] })).toMatchObject({ open: { case: { noticeNo: 'A' } }, qrText: 'HC1:A', scanned: { found: true } });
    expect(await scanWith('WPN-A', { scan: scan('REFERENCE'), case: view('A'), differences: [] })).toMatchObject({ qrText: null });
    expect(await scanWith('HC1:X', { scan: scan('NOT_FOUND'), case: null, differences: [] })).toMatchObject({ open: null, qrText: null, scanned: { found: false } });
  });

  it('a card read with no case open opens the case it finds; with one open, it is matched against that case and joins its visit', async () => {
    const core = fakeCore();
    const { result } = renderHook(() => useVisit(core.api));
    let p!: Promise<void>;
    act(() => {
      p = result.current[1].matchCard(3);
    });
    expect(core.calls[0].params).toEqual({ readId: 3 });
    await core.calls[0].answer(ok({ card, case: view('A'), differences: [] }));
    await p;
    expect(result.current[0]).toMatchObject({ open: { case: { noticeNo: 'A' } }, cardReadId: 3, carded: { found: true } });
    act(() => {
      p = result.current[1].matchCard(4);
    });
    expect(core.calls[1].params).toEqual({ readId: 4, noticeNo: 'A' });
    await core.calls[1].answer(ok({ card, case: view('A'), differences: [{ field: 'name' }] }));
    await p;
    expect(result.current[0]).toMatchObject({ open: { case: { noticeNo: 'A' } }, cardReadId: 4, carded: { differences: [{ field: 'name' }] } });
  });

  it('a change the authority made to the open case is said and the case shown as it is now; a change to another case is not', async () => {
    const core = fakeCore();
    const { result } = renderHook(() => useVisit(core.api));
    let p!: Promise<void>;
    act(() => {
      p = result.current[1].openCase('A');
    });
    await core.calls[0].answer(ok(view('A', 1)));
    await p;
    act(() => result.current[1].caseChanged('B', 'withdrawn', 'awaiting_verification'));
    expect(result.current[0].changed).toBeNull();
    expect(core.calls).toHaveLength(1);
    act(() => result.current[1].caseChanged('A', 'withdrawn', 'awaiting_verification'));
    expect(result.current[0].changed).toEqual({ status: 'withdrawn', previous: 'awaiting_verification' });
    await core.calls[1].answer(ok(view('A', 2)));
    expect(result.current[0].open?.case.version).toBe(2);
  });
});
