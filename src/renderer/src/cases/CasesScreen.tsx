import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { createMrzAssembler } from '../../../lib/mrz/mrz-lines';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, CaseView } from '../../../shared/cases';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { CaseDetails } from './CaseDetails';
import type { FieldDifference } from '../../../shared/cases';
import type { PermitScanResult, ScanSource } from '../../../shared/permit-qr';
import { ImageFileInput } from '../scan/ImageFileInput';
import { focusIsEditable, LOOKS_SCANNED, typeIntoFocus, useWedgeScanner } from '../scan/useWedgeScanner';
import { QUEUE_NO } from '../../../shared/verification';
import { QueueNumber } from './QueueNumber';
import { useDeviceScans } from '../scan/useDeviceScans';
import { useApp } from '../session/useSession';
import { TONE, VerdictPanel } from '../permit-check/VerdictPanel';
import { CardPanel, type CardOutcome } from './CardPanel';
import type { CardErrorCode } from '../../../shared/ssc-card';
import { onCoreEvent } from '../api/client';
import { VerificationPanel } from '../verification/VerificationPanel';
import { lastOpenCase, rememberOpenCase } from '../session/last-place';
import { Worklist, type CaseStep } from './Worklist';
import { DisplayControl } from '../applicant/DisplayControl';

interface ScanOutcome {
  scan: PermitScanResult;
  differences: FieldDifference[];
  found: boolean;
}

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
  const [results, setResults] = useState<CaseSummary[] | null>(null);
  const [open, setOpen] = useState<CaseView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [scanned, setScanned] = useState<ScanOutcome | null>(null);
  // The permit QR and the card read that belong to the open case, for its verification.
  const [qrText, setQrText] = useState<string | null>(null);
  const [cardReadId, setCardReadId] = useState<number | null>(null);
  // A passport reader's MRZ: typed as keys (two fast lines) or sent over the scanner's serial port.
  const [readerMrz, setReaderMrz] = useState<{ line1: string; line2: string } | null>(null);
  const mrzRows = useMemo(() => createMrzAssembler((line1, line2) => setReaderMrz({ line1, line2 })), []);
  const searchBox = useRef<HTMLInputElement>(null);
  const { info } = useApp();

  async function openFromScan(text: string, source: ScanSource) {
    const r = await call('cases.openFromScan', { text, source });
    if (!r.ok) return setError(r.error);
    setError(null);
    setScanned({ scan: r.value.scan, differences: r.value.differences, found: !!r.value.case });
    if (r.value.case?.case.noticeNo !== openRef.current?.case.noticeNo) {
      setChanged(null);
      setCardReadId(null);
      setReaderMrz(null);
    }
    // A reference (an old card's number) only finds the case: it is no permit QR to verify with.
    setQrText(r.value.case && r.value.scan.check.verdict !== 'REFERENCE' ? text : null);
    setOpen(r.value.case);
  }
  // The visit's queue number (叫号): typed, or sent by the office's queue system as a short wedge burst.
  const [queueNo, setQueueNo] = useState<string | null>(null);
  useWedgeScanner(
    (text) => {
      if (QUEUE_NO.test(text)) return setQueueNo(text.toUpperCase());
      // Short and not a queue number: fast typing, given back to the field with its Enter.
      if (text.length < 10) return typeIntoFocus(text, true);
      if (mrzRows.feed(text, Date.now())) return;
      // In a field, only a whole code is a scan: a number typed fast is typing, and finds nothing by itself.
      if (focusIsEditable() && !LOOKS_SCANNED.test(text)) return typeIntoFocus(text, true);
      void openFromScan(text, 'wedge');
    },
    info.wedgeMaxGapMs,
    true,
    3,
    () => setError({ code: 'incomplete-read', message: 'The scanner sent part of a code.' }),
  );
  useDeviceScans((text, source) => void openFromScan(text, source));

  // A card inserted while a case is open is matched against it; with none open, it finds the case.
  const [carded, setCarded] = useState<CardOutcome | null>(null);
  const [changed, setChanged] = useState<{ status: string; previous: string } | null>(null);
  const [cardError, setCardError] = useState<CardErrorCode | null>(null);
  const openRef = useRef(open);
  openRef.current = open;
  // The applicant's screen shows the case the clerk has open. Only closing it (Back, another case)
  // ends the visit there: a screen left for Devices or the lock comes back to the same visit.
  const visitNo = open?.case.noticeNo ?? null;
  // Another case opens at its top, not where the last one was scrolled to.
  useEffect(() => {
    if (visitNo) window.scrollTo({ top: 0 });
  }, [visitNo]);
  const shownOnDisplay = useRef<string | null>(null);
  useEffect(() => {
    if (visitNo === shownOnDisplay.current) return;
    shownOnDisplay.current = visitNo;
    void call('applicant.show', { noticeNo: visitNo, queueNo: queueNo && QUEUE_NO.test(queueNo) ? queueNo : null });
  }, [visitNo, queueNo]);
  useEffect(
    () =>
      onCoreEvent((e) => {
        if (e.type === 'passport.mrz') return setReaderMrz({ line1: e.line1, line2: e.line2 });
        if (e.type === 'case.changed') {
          // The authority changed the open case (withdrawn, revoked, verified elsewhere): say so, show it as it is now.
          if (e.noticeNo !== openRef.current?.case.noticeNo) return;
          setChanged({ status: e.status, previous: e.previous });
          void call('cases.get', { noticeNo: e.noticeNo }).then((r) => r.ok && setOpen(r.value));
          return;
        }
        if (e.type === 'card.error') return setCardError(e.code);
        if (e.type !== 'card.read') return;
        setCardError(null);
        const noticeNo = openRef.current?.case.noticeNo;
        void call('cards.match', noticeNo ? { readId: e.readId, noticeNo } : { readId: e.readId }).then((r) => {
          if (!r.ok) return setError(r.error);
          setCarded({ card: r.value.card, differences: r.value.differences, found: !!r.value.case });
          if (r.value.case) setCardReadId(e.readId);
          if (!noticeNo && r.value.case) {
            setQrText(null);
            setOpen(r.value.case);
          }
        });
      }),
    [],
  );

  useEffect(() => {
    // F2 goes to the search box from anywhere: the counter is worked from the keyboard.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        setOpen(null);
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function search(e: FormEvent) {
    e.preventDefault();
    // An empty search is no search: the worklist stays, with nothing said about matches.
    if (!query.trim()) {
      setResults(null);
      setError(null);
      return;
    }
    const r = await call('cases.search', { query });
    setOpen(null);
    setScanned(null);
    setCarded(null);
    if (r.ok) {
      setResults(r.value);
      setError(null);
    } else setError(r.error);
  }

  // The case open when the screen locked opens again on unlock (the draft comes back from the core).
  // Read once, before the effect below records that nothing is open yet.
  const [reopen] = useState(lastOpenCase);
  const openNo = open?.case.noticeNo ?? null;
  // `reopen` never changes (read once), so this runs once: afterwards the clerk's own navigation decides.
  const openOnce = useRef(openCase);
  useEffect(() => {
    if (reopen) void openOnce.current(reopen);
  }, [reopen]);
  const restored = useRef(!reopen);
  useEffect(() => {
    // Until the case to reopen has opened, its number stays remembered (a second lock meanwhile keeps it).
    if (!restored.current && openNo === null) return;
    restored.current = true;
    rememberOpenCase(openNo);
  }, [openNo]);

  // The step a worklist item opens the case at (its work), shown once the case is on screen.
  const [step, setStep] = useState<CaseStep | null>(null);
  async function openCase(noticeNo: string, at: CaseStep | null = null) {
    setStep(at);
    const r = await call('cases.get', { noticeNo });
    setChanged(null);
    setScanned(null);
    setCarded(null);
    setQrText(null);
    setCardReadId(null);
    setReaderMrz(null);
    if (r.ok) {
      setOpen(r.value);
      setError(null);
    } else setError(r.error);
  }

  if (open) {
    return (
      <section>
        <div className="row case-top">
          <button onClick={() => setOpen(null)} autoFocus data-testid="back">
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
          onSignedOff={() => setQueueNo(null)}
          qrText={qrText}
          onQrRemoved={() => setQrText(null)}
          cardReadId={cardReadId}
          readerMrz={readerMrz}
          onCaseChanged={() => void call('cases.get', { noticeNo: open.case.noticeNo }).then((r) => r.ok && setOpen(r.value))}
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
        <ImageFileInput onText={(text) => void openFromScan(text, 'image')} />
        <QueueNumber value={queueNo} onChange={setQueueNo} />
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
                      <button className="link" onClick={() => void openCase(c.noticeNo)} data-testid="open-case">
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
      <Worklist onOpen={(noticeNo, at) => void openCase(noticeNo, at)} />
    </section>
  );
}
