import { useMemo, useReducer, useRef } from 'react';
import type { CaseSummary, CaseView, FieldDifference } from '../../../shared/cases';
import type { ApiError } from '../../../shared/errors';
import type { ApiCall } from '../../../shared/handlers';
import type { PermitScanResult, ScanSource } from '../../../shared/permit-qr';
import type { CardErrorCode } from '../../../shared/ssc-card';
import type { CardOutcome } from './CardPanel';
import type { CaseStep } from './Worklist';

export interface ScanOutcome {
  scan: PermitScanResult;
  differences: FieldDifference[];
  found: boolean;
}

/**
 * One visit at the window: the case open, what the devices gave for it, and what the screen says about
 * it. Every change goes through `visitReducer`; a visit's own fields are reset in one place (`visitOf`)
 * whenever another case opens or the case closes.
 */
export interface VisitState {
  open: CaseView | null;
  /** The step a worklist item opened the case at. */
  step: CaseStep | null;
  scanned: ScanOutcome | null;
  carded: CardOutcome | null;
  /** The authority changed the open case meanwhile (withdrawn, revoked, verified elsewhere). */
  changed: { status: string; previous: string } | null;
  cardError: CardErrorCode | null;
  /** The permit QR and the card read that belong to the open case, for its verification. */
  qrText: string | null;
  cardReadId: number | null;
  /** A passport reader's MRZ (typed as keys or sent over a serial port). */
  readerMrz: { line1: string; line2: string } | null;
  /** The visit's queue number (叫号): it outlives the case until the record is signed off. */
  queueNo: string | null;
  results: CaseSummary[] | null;
  error: ApiError | null;
  /** The newest request made: an answer to an older one is dropped, so a slow answer never wins. */
  asked: number;
}

export const initialVisit: VisitState = {
  open: null,
  step: null,
  scanned: null,
  carded: null,
  changed: null,
  cardError: null,
  qrText: null,
  cardReadId: null,
  readerMrz: null,
  queueNo: null,
  results: null,
  error: null,
  asked: 0,
};

type Answer = { seq: number };
export type VisitAction =
  | ({ type: 'asked' } & Answer)
  | ({ type: 'closed' } & Answer)
  | ({ type: 'opened'; view: CaseView; step: CaseStep | null } & Answer)
  | ({ type: 'scanned'; outcome: ScanOutcome; view: CaseView | null; qrText: string | null } & Answer)
  | ({ type: 'carded'; outcome: CardOutcome; readId: number; view: CaseView | null } & Answer)
  | ({ type: 'searched'; results: CaseSummary[] | null } & Answer)
  | ({ type: 'failed'; error: ApiError } & Answer)
  | { type: 'refreshed'; view: CaseView }
  | { type: 'case-changed'; noticeNo: string; status: string; previous: string }
  | { type: 'mrz'; line1: string; line2: string }
  | { type: 'card-error'; code: CardErrorCode }
  | { type: 'queue-no'; value: string | null }
  | { type: 'qr-removed' }
  | { type: 'error'; error: ApiError | null };

/**
 * The state with `view` open: the same case keeps what its visit gathered; another case (or none)
 * starts with nothing of the last one's. The only place a visit is reset.
 */
function visitOf(s: VisitState, view: CaseView | null): VisitState {
  if (view && s.open && view.case.noticeNo === s.open.case.noticeNo) return { ...s, open: view };
  return { ...s, open: view, step: null, scanned: null, carded: null, changed: null, cardError: null, qrText: null, cardReadId: null, readerMrz: null };
}

export function visitReducer(s: VisitState, a: VisitAction): VisitState {
  if ('seq' in a && a.seq < s.asked) return s;
  switch (a.type) {
    case 'asked':
      return { ...s, asked: a.seq };
    case 'closed':
      return { ...visitOf(s, null), asked: a.seq };
    case 'opened':
      return { ...visitOf(visitOf(s, null), a.view), step: a.step, error: null };
    case 'scanned':
      // A scan that found no case closes the open one: the search screen says what was scanned.
      return { ...visitOf(s, a.view), scanned: a.outcome, qrText: a.qrText, error: null };
    case 'carded':
      // A card matched against the open case stays with it; with none open, the card finds the case.
      return a.view ? { ...visitOf(s, s.open ?? a.view), carded: a.outcome, cardReadId: a.readId, cardError: null, error: null } : { ...s, carded: a.outcome, cardError: null };
    case 'searched':
      return { ...visitOf(s, null), results: a.results, error: null };
    case 'failed':
      return { ...s, error: a.error };
    case 'refreshed':
      return s.open?.case.noticeNo === a.view.case.noticeNo ? { ...s, open: a.view } : s;
    case 'case-changed':
      return s.open?.case.noticeNo === a.noticeNo ? { ...s, changed: { status: a.status, previous: a.previous } } : s;
    case 'mrz':
      return { ...s, readerMrz: { line1: a.line1, line2: a.line2 } };
    case 'card-error':
      return { ...s, cardError: a.code };
    case 'queue-no':
      return { ...s, queueNo: a.value };
    case 'qr-removed':
      return { ...s, qrText: null };
    case 'error':
      return { ...s, error: a.error };
  }
}

/**
 * The visit and what the screen does with it. Each request is numbered; its answer is taken only if no
 * newer request was made meanwhile (two quick opens, a close while a case loads). A failed call is said
 * in `error`, never dropped.
 */
export function useVisit(api: ApiCall) {
  const [state, dispatch] = useReducer(visitReducer, initialVisit);
  const last = useRef(0);
  const open = useRef(state.open);
  open.current = state.open;
  const actions = useMemo(() => {
    const ask = () => {
      const seq = ++last.current;
      dispatch({ type: 'asked', seq });
      return seq;
    };
    const refresh = async (noticeNo: string) => {
      const r = await api('cases.get', { noticeNo });
      dispatch(r.ok ? { type: 'refreshed', view: r.value } : { type: 'error', error: r.error });
    };
    return {
      dispatch,
      async openCase(noticeNo: string, step: CaseStep | null = null) {
        const seq = ask();
        const r = await api('cases.get', { noticeNo });
        dispatch(r.ok ? { type: 'opened', seq, view: r.value, step } : { type: 'failed', seq, error: r.error });
      },
      async openFromScan(text: string, source: ScanSource) {
        const seq = ask();
        const r = await api('cases.openFromScan', { text, source });
        if (!r.ok) return dispatch({ type: 'failed', seq, error: r.error });
        const { scan, differences, case: found } = r.value;
        // A reference (an old card's number) only finds the case: it is no permit QR to verify with.
        dispatch({ type: 'scanned', seq, outcome: { scan, differences, found: !!found }, view: found, qrText: found && scan.check.verdict !== 'REFERENCE' ? text : null });
      },
      async search(query: string) {
        // An empty search is no search: the worklist stays, with nothing said about matches.
        if (!query.trim()) return dispatch({ type: 'searched', seq: ask(), results: null });
        const seq = ask();
        const r = await api('cases.search', { query });
        dispatch(r.ok ? { type: 'searched', seq, results: r.value } : { type: 'failed', seq, error: r.error });
      },
      /** A card read: matched against the open case, or, with none open, the case it finds. */
      async matchCard(readId: number) {
        const noticeNo = open.current?.case.noticeNo;
        const seq = ask();
        const r = await api('cards.match', noticeNo ? { readId, noticeNo } : { readId });
        if (!r.ok) return dispatch({ type: 'failed', seq, error: r.error });
        dispatch({ type: 'carded', seq, outcome: { card: r.value.card, differences: r.value.differences, found: !!r.value.case }, readId, view: r.value.case });
      },
      /** The authority changed a case: if it is the open one, say so and show it as it is now. */
      caseChanged(noticeNo: string, status: string, previous: string) {
        if (noticeNo !== open.current?.case.noticeNo) return;
        dispatch({ type: 'case-changed', noticeNo, status, previous });
        void refresh(noticeNo);
      },
      /** Another window's documents reached a case: the open one is shown as it is now. */
      caseDocuments(noticeNo: string) {
        if (noticeNo === open.current?.case.noticeNo) void refresh(noticeNo);
      },
      refresh,
      close: () => dispatch({ type: 'closed', seq: ++last.current }),
    };
  }, [api]);
  return [state, actions] as const;
}
