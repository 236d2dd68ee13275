import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { PermitScanResult, ScanLogEntry, ScanSource, TrustStatus } from '../../../shared/permit-qr';
import { ask, call } from '../api/client';
import { CameraScanner } from '../scan/CameraScanner';
import { ImageFileInput } from '../scan/ImageFileInput';
import { focusIsEditable, LOOKS_SCANNED, typeIntoFocus, useWedgeScanner } from '../scan/useWedgeScanner';
import { useDeviceScans } from '../scan/useDeviceScans';
import { useApp } from '../session/useSession';
import { ErrorMessage } from '../shell/ErrorMessage';
import { FIELD_ORDER, fieldText, VerdictPanel } from './VerdictPanel';
import { PoliceChipPanel } from './PoliceChipPanel';
import { VerdictIcon } from './VerdictIcon';
import { beijingTime } from '../shell/time';

/** A scanner's burst cut short: no verdict, and nothing typed anywhere. */
const INCOMPLETE = { kind: 'unreadable', key: 'scan.incompleteReadWord', explain: 'scan.incompleteRead' } as const;

/** A result on screen clears itself after two minutes, so the next person never sees it. */
const CLEAR_AFTER_MS = 2 * 60_000;

/**
 * What the verdict area shows. It always belongs to the last scan: a new scan clears the one before
 * the moment it starts, a read in progress says so, and a read that found no code is the area's own
 * state, never a line under the previous holder's verdict.
 */
type Shown =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'checking' }
  | { kind: 'result'; result: PermitScanResult }
  | { kind: 'unreadable'; key: string; explain?: string }
  | { kind: 'error'; error: ApiError };

export function PermitCheckScreen() {
  const { t } = useTranslation();
  const { info } = useApp();
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const [log, setLog] = useState<ScanLogEntry[]>([]);
  const [trust, setTrust] = useState<TrustStatus | null>(null);
  const [typed, setTyped] = useState('');
  // Each scan takes the next number; an answer for an older one is not shown.
  const scanNo = useRef(0);

  const refresh = useCallback(() => {
    void ask('permitQr.log', { limit: 20 }).then((v) => v !== null && setLog(v));
    void ask('permitQr.trustStatus', {}).then((v) => v !== null && setTrust(v));
  }, []);
  useEffect(refresh, [refresh]);

  const begin = useCallback((kind: 'reading' | 'checking') => {
    scanNo.current++;
    setShown({ kind });
    return scanNo.current;
  }, []);

  const verify = useCallback(
    async (text: string, source: ScanSource, no = begin('checking')) => {
      if (no !== scanNo.current) return;
      setShown({ kind: 'checking' });
      const r = await call('permitQr.verify', { text, source });
      if (no !== scanNo.current) return;
      if (!r.ok && r.error.code === 'incomplete-read') setShown(INCOMPLETE);
      else setShown(r.ok ? { kind: 'result', result: r.value } : { kind: 'error', error: r.error });
      refresh();
    },
    [refresh, begin],
  );

  useWedgeScanner(
    (text) => {
      // In the number field, only a whole code is a scan: a number typed fast is typing.
      if (focusIsEditable() && !LOOKS_SCANNED.test(text)) return typeIntoFocus(text, true);
      void verify(text, 'wedge');
    },
    info.wedgeMaxGapMs,
    true,
    10,
    () => {
      begin('reading');
      setShown(INCOMPLETE);
    },
  );
  const scanner = useDeviceScans((text, source) => void verify(text, source));

  const result = shown.kind === 'result' ? shown.result : null;
  useEffect(() => {
    if (!result) return;
    const timer = window.setTimeout(() => setShown({ kind: 'idle' }), CLEAR_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [result]);

  // The slip goes to the window's printer through the core (the printer port), as documents do.
  const [slip, setSlip] = useState<{ ok: true; printer: string } | { ok: false; error: ApiError } | null>(null);
  useEffect(() => setSlip(null), [result]);
  async function printSlip() {
    const r = await call('permitQr.printSlip', {});
    setSlip(r.ok ? { ok: true, printer: r.value.printer } : { ok: false, error: r.error });
  }

  // A new scan's state and verdict come into view, wherever the page was scrolled (a second file opened
  // from the button below the fold left the verdict word above the viewport).
  const area = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown.kind !== 'idle') area.current?.scrollIntoView({ block: 'start' });
  }, [shown]);

  // The reading in progress, for the image input (its file read, then the call).
  const imageScan = useRef(0);

  return (
    <section aria-labelledby="permit-check-heading" data-testid="permit-check" className="permit-check">
      <div className="no-print">
        <h1 id="permit-check-heading">{t('permitCheck.heading')}</h1>
        <p className="big">{t('permitCheck.waiting')}</p>
        {trust && (
          <p className={trust.stale ? 'warn-line' : 'hint'} data-testid="trust-status">
            {t('scan.trustStatus', { version: trust.version, days: trust.ageDays })} {trust.stale ? t('scan.trustStale') : ''}
          </p>
        )}
        {scanner && scanner.kind !== 'none' && (
          <p className={scanner.state === 'connected' ? 'hint' : 'warn-line'} data-testid="scanner-state" data-state={scanner.state}>
            {t('scan.scannerState', { kind: t(`scan.scannerKind.${scanner.kind}`), state: t(`scan.scannerStates.${scanner.state}`) })}
          </p>
        )}
      </div>
      <div ref={area} data-testid="verdict-area" data-state={shown.kind} aria-live="polite" aria-busy={shown.kind === 'reading' || shown.kind === 'checking'}>
        {(shown.kind === 'reading' || shown.kind === 'checking') && (
          <section className="verdict-panel tone-info no-print" data-testid="verdict-busy">
            <p className="verdict-word">{t(shown.kind === 'reading' ? 'scan.readingCode' : 'scan.checking')}</p>
          </section>
        )}
        {shown.kind === 'unreadable' && (
          <section className="verdict-panel tone-warn no-print" data-testid="verdict-unreadable" data-reason={shown.key} role="alert">
            <div className="verdict-head">
              <VerdictIcon verdict="unreadable" />
              <p className="verdict-word">{t(shown.key)}</p>
            </div>
            <p className="verdict-explain">{t(shown.explain ?? 'scan.tryAgain')}</p>
          </section>
        )}
        {shown.kind === 'error' && <ErrorMessage error={shown.error} />}
        {result && (
          <>
            <VerdictPanel result={result} />
            <div className="row no-print">
              <button onClick={() => void printSlip()} data-testid="print-slip">{t('scan.printSlip')}</button>
              <button onClick={() => setShown({ kind: 'idle' })} data-testid="clear-result">{t('scan.clear')}</button>
            </div>
            {slip && (
              <div className={slip.ok ? 'ok no-print' : 'no-print'} role="status" data-testid="slip-state" data-ok={slip.ok}>
                {slip.ok ? t('scan.slipSent', { printer: slip.printer }) : <ErrorMessage error={slip.error} />}
              </div>
            )}
            <VerificationSlip result={result} trustVersion={trust?.version ?? null} />
          </>
        )}
        <PoliceChipPanel permit={result?.check.permit ?? null} />
      </div>
      <div className="no-print">
        <div className="scan-inputs">
          <CameraScanner onStart={() => begin('reading')} onText={(text) => void verify(text, 'camera')} />
          <ImageFileInput
            onStart={() => (imageScan.current = begin('reading'))}
            onUnreadable={(key) => imageScan.current === scanNo.current && setShown({ kind: 'unreadable', key })}
            onText={(text) => void verify(text, 'image', imageScan.current)}
          />
          {/* A number read off a card or a paper by eye: an old physical work permit's, or a notice's. */}
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              const text = typed.trim();
              if (text) void verify(text, 'typed');
            }}
          >
            <label>
              {t('permitCheck.typeNumber')}
              <input value={typed} onChange={(e) => setTyped(e.target.value)} maxLength={200} autoComplete="off" data-testid="typed-number" />
            </label>
            <button type="submit" data-testid="typed-check">{t('permitCheck.check')}</button>
          </form>
        </div>
      </div>
      <section className="no-print" aria-labelledby="scan-log-h">
        <h2 id="scan-log-h">{t('scan.log')}</h2>
        <table className="results" data-testid="scan-log">
          <thead>
            <tr>
              <th>{t('audit.columns.at')}</th>
              <th>{t('scan.verdictColumn')}</th>
              <th>{t('wp.pn')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e) => (
              <tr key={e.id}>
                <td>{beijingTime(e.at, t, { seconds: true })}</td>
                <td>{t(`verdict.${e.verdict}.title`)}</td>
                <td>{e.permitNo ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** What entry-exit offices attach to the residence permit application: printed on request. */
function VerificationSlip({ result, trustVersion }: { result: PermitScanResult; trustVersion: number | null }) {
  const { t, i18n } = useTranslation();
  const { check } = result;
  return (
    <article className="print-only slip" data-testid="slip">
      <h1>{t('slip.title')}</h1>
      <dl>
        <dt>{t('slip.time')}</dt>
        <dd>{beijingTime(result.scannedAt, t, { seconds: true })}</dd>
        <dt>{t('slip.officer')}</dt>
        <dd>{result.officerName}</dd>
        <dt>{t('slip.verdict')}</dt>
        <dd>{t(`verdict.${check.verdict}.title`)} / {check.verdict}</dd>
        <dt>{t('slip.trustList')}</dt>
        <dd>{check.trustListVersion ?? trustVersion ?? '—'}</dd>
        {check.permit &&
          FIELD_ORDER.filter((f) => check.permit![f] !== undefined).map((f) => (
            <div key={f}>
              <dt>{t(`wp.${f}`)}</dt>
              <dd>{fieldText(result, f, t, i18n.language)}</dd>
            </div>
          ))}
      </dl>
      {check.permit && check.verdict !== 'VALID' && <p>{t('scan.unreliable')}</p>}
    </article>
  );
}
