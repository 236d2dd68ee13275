import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { createMrzAssembler } from '../../../lib/mrz/mrz-lines';
import { useTranslation } from 'react-i18next';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { CaseDetails } from './CaseDetails';
import { ImageFileInput } from '../scan/ImageFileInput';
import { focusIsEditable, LOOKS_SCANNED, typeIntoFocus, useWedgeScanner } from '../scan/useWedgeScanner';
import { QUEUE_NO } from '../../../shared/verification';
import { QueueNumber } from './QueueNumber';
import { useDeviceScans } from '../scan/useDeviceScans';
import { useApp } from '../session/useSession';
import { TONE, VerdictPanel } from '../permit-check/VerdictPanel';
import { CardPanel } from './CardPanel';
import { onCoreEvent } from '../api/client';
import { VerificationPanel } from '../verification/VerificationPanel';
import { Worklist } from './Worklist';
import { useVisit, type ScanOutcome } from './visit-store';
import { DisplayControl } from '../applicant/DisplayControl';

/** What the scan said and, for a case that was found, where the QR and the case disagree. */
function ScanBanner({ outcome }: { outcome: ScanOutcome }) {
  const { t } = useTranslation();
  const v = outcome.scan.check.verdict;
  // A QR that is not a valid permit (revoked, expired, forged…) stands out as the police verdict does,
  // and its fields are not taken as matching anything: approval is blocked until it is dealt with.
  const tone = TONE[v];
  const alarming = tone === 'bad' || tone === 'warn';
  return (
    <section className={`scan-banner verdict-panel tone-${tone}`} data-testid="scan-banner" data-verdict={v} role={alarming ? 'alert' : undefined}>
      <p className="big verdict-word">{t('scan.scannedOpened', { verdict: t(`verdict.${v}.title`) })}</p>
      {alarming && (
        <p className="bad" data-testid="scan-warning">
          {t('scan.notValidWarning', { verdict: t(`verdict.${v}.title`) })}
        </p>
      )}
      {!outcome.found && <p className="error" data-testid="no-case">{t('scan.noCase')}</p>}
      {outcome.found && outcome.scan.check.permit && !alarming && (
        outcome.differences.length === 0 ? (
          <p className="ok" data-testid="no-differences">{t('scan.noDifferences')}</p>
        ) : (
          <table className="results differences" data-testid="differences">
            <caption>{t('scan.differences')}</caption>
            <thead>
              <tr>
                <th></th>
                <th>QR</th>
                <th>{t('nav.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.differences.map((d) => (
                <tr key={d.field} data-field={d.field}>
                  <th>{t(`wp.${d.field}`)}</th>
                  <td className="qr">{d.qr}</td>
                  <td>{d.case}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  );
}

export function CasesScreen() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [visit, act] = useVisit(call);
  const { open, scanned, carded, changed, cardError, qrText, cardReadId, readerMrz, queueNo, results, error, step } = visit;
  const { dispatch } = act;
  const mrzRows = useMemo(() => createMrzAssembler((line1, line2) => dispatch({ type: 'mrz', line1, line2 })), [dispatch]);
  const searchBox = useRef<HTMLInputElement>(null);
  const { info, session } = useApp();

  // The visit's queue number (叫号): typed, or sent by the office's queue system as a short wedge burst.
  useWedgeScanner(
    (text) => {
      if (QUEUE_NO.test(text)) return dispatch({ type: 'queue-no', value: text.toUpperCase() });
      // Short and not a queue number: fast typing, given back to the field with its Enter.
      if (text.length < 10) return typeIntoFocus(text, true);
      if (mrzRows.feed(text, Date.now())) return;
      // In a field, only a whole code is a scan: a number typed fast is typing, and finds nothing by itself.
      if (focusIsEditable() && !LOOKS_SCANNED.test(text)) return typeIntoFocus(text, true);
      void act.openFromScan(text, 'wedge');
    },
    info.wedgeMaxGapMs,
    true,
    3,
    () => dispatch({ type: 'error', error: { code: 'incomplete-read', message: 'The scanner sent part of a code.' } }),
  );
  useDeviceScans((text, source) => void act.openFromScan(text, source));

  // The applicant's screen shows the case the clerk has open. Only closing it (Back, another case)
  // ends the visit there: the lock keeps this screen, and the visit with it.
  const visitNo = open?.case.noticeNo ?? null;
  // Another case opens at its top, not where the last one was scrolled to.
  useEffect(() => {
    if (visitNo) window.scrollTo({ top: 0 });
  }, [visitNo]);
  // Back from the lock: the open case as it is now (a locked screen hears no events).
  const wasLocked = useRef(session.locked);
  useEffect(() => {
    if (wasLocked.current && !session.locked && visitNo) void act.refresh(visitNo);
    wasLocked.current = session.locked;
  }, [session.locked, visitNo, act]);
  const shownOnDisplay = useRef<string | null>(null);
  useEffect(() => {
    if (visitNo === shownOnDisplay.current) return;
    shownOnDisplay.current = visitNo;
    void ask('applicant.show', { noticeNo: visitNo, queueNo: queueNo && QUEUE_NO.test(queueNo) ? queueNo : null });
  }, [visitNo, queueNo]);
  // A card inserted while a case is open is matched against it; with none open, it finds the case.
  useEffect(
    () =>
      onCoreEvent((e) => {
        if (e.type === 'passport.mrz') dispatch({ type: 'mrz', line1: e.line1, line2: e.line2 });
        else if (e.type === 'case.changed') act.caseChanged(e.noticeNo, e.status, e.previous);
        else if (e.type === 'case.documents') act.caseDocuments(e.noticeNo);
        else if (e.type === 'card.error') dispatch({ type: 'card-error', code: e.code });
        else if (e.type === 'card.read') void act.matchCard(e.readId);
      }),
    [act, dispatch],
  );

  useEffect(() => {
    // F2 goes to the search box from anywhere: the counter is worked from the keyboard.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        act.close();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act]);

  function search(e: FormEvent) {
    e.preventDefault();
    void act.search(query);
  }

  if (open) {
    return (
      <section>
        <div className="row case-top">
          <button onClick={act.close} autoFocus data-testid="back">
            ← {t('cases.back')}
          </button>
          <DisplayControl caseOpen />
        </div>
        {changed && (
          <p className="warn-banner" role="alert" data-testid="case-changed">
            {t('sync.caseChanged', { from: t(`status.${changed.previous}`), to: t(`status.${changed.status}`) })}
          </p>
        )}
        {scanned && <ScanBanner outcome={scanned} />}
        {carded && <CardPanel outcome={carded} />}
        {cardError && <p className="error" role="alert" data-testid="card-error" data-code={cardError}>{t(`card.error.${cardError}`)}</p>}
        <VerificationPanel
          key={open.case.noticeNo}
          view={open}
          step={step}
          queueNo={queueNo}
          onSignedOff={() => dispatch({ type: 'queue-no', value: null })}
          qrText={qrText}
          onQrRemoved={() => dispatch({ type: 'qr-removed' })}
          cardReadId={cardReadId}
          readerMrz={readerMrz}
          onCaseChanged={() => void act.refresh(open.case.noticeNo)}
        />
        {/* The whole case file below the verification: the checklist and the summary come first. */}
        <CaseDetails view={open} />
      </section>
    );
  }

  return (
    <section aria-labelledby="search-heading">
      <div className="row case-top">
        <h1 id="search-heading">{t('cases.search')}</h1>
        <DisplayControl caseOpen={false} />
      </div>
      <form className="search row" onSubmit={search} role="search">
        <input
          ref={searchBox}
          aria-label={t('cases.search')}
          placeholder={t('cases.searchHint')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
          data-testid="case-search"
        />
        <button type="submit" className="primary">{t('cases.searchButton')}</button>
      </form>
      <div className="row">
        <ImageFileInput onText={(text) => void act.openFromScan(text, 'image')} />
        <QueueNumber value={queueNo} onChange={(value) => dispatch({ type: 'queue-no', value })} />
      </div>
      <ErrorMessage error={error} />
      {scanned && !scanned.found && <VerdictPanel result={scanned.scan} />}
      {carded && !carded.found && <CardPanel outcome={carded} />}
      {results && (
        <>
          <p aria-live="polite" data-testid="result-count">
            {results.length ? t('cases.results', { count: results.length }) : t('cases.none')}
          </p>
          {results.length > 0 && (
            <table className="results" data-testid="results">
              <thead>
                <tr>
                  <th>{t('cases.columns.notice')}</th>
                  <th>{t('cases.columns.name')}</th>
                  <th>{t('cases.columns.nationality')}</th>
                  <th>{t('cases.columns.category')}</th>
                  <th>{t('cases.columns.status')}</th>
                  <th>{t('cases.columns.entry')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((c) => (
                  <tr key={c.noticeNo}>
                    <td>
                      <button className="link" onClick={() => void act.openCase(c.noticeNo)} data-testid="open-case">
                        {c.noticeNo}
                      </button>
                    </td>
                    <td>
                      {c.name}
                      {c.nameZh ? ` ${c.nameZh}` : ''}
                    </td>
                    <td>{c.nationality}</td>
                    <td>{c.category}</td>
                    <td>{t(`status.${c.status}`)}</td>
                    <td>{c.entryDate ?? t('case.notSet')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <Worklist onOpen={(noticeNo, at) => void act.openCase(noticeNo, at)} />
    </section>
  );
}
