import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { DecisionPrinter } from '../../../shared/permit-qr';
import type { DecisionView, DocumentType } from '../../../shared/verification';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { DecisionPreview } from './DecisionPreview';
import { ServiceForm } from './ServiceForm';
import { beijingTime } from '../shell/time';

/** What a document's action did, for the confirmation and the focus that follow. */
export type DocumentDone = 'issued' | 'printed' | 'served';

/** One document: its type, number and fingerprint, whether the spooler said it printed, each print, its service, and void. */
function DecisionCard({ d, applicantName, onChanged, onDone }: { d: DecisionView; applicantName: string; onChanged: () => void; onDone: (what: DocumentDone, number: string) => void }) {
  const { t } = useTranslation();
  const [printing, setPrinting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [voidForm, setVoidForm] = useState({ username: '', password: '', reason: '' });
  const [preview, setPreview] = useState<string | null>(null);
  const [serving, setServing] = useState(false);
  const last = d.prints.at(-1);

  async function print() {
    setPrinting(true);
    const r = await call('decisions.print', { id: d.id });
    setPrinting(false);
    setError(r.ok ? null : r.error);
    if (r.ok && r.value.printed) onDone('printed', d.number);
    onChanged();
  }
  async function confirm(printed: boolean) {
    if (!last) return;
    const r = await call('decisions.confirmPrint', { printId: last.id, printed });
    setError(r.ok ? null : r.error);
    onChanged();
  }
  async function view() {
    const r = await call('decisions.pdf', { id: d.id });
    if (r.ok) setPreview(r.value.base64);
    else setError(r.error);
  }
  async function doVoid(e: FormEvent) {
    e.preventDefault();
    const r = await call('decisions.void', { id: d.id, reason: voidForm.reason, supervisor: { username: voidForm.username, password: voidForm.password } });
    setVoidForm({ ...voidForm, password: '' });
    if (!r.ok) return setError(r.error);
    setError(null);
    setVoiding(false);
    onChanged();
  }

  return (
    <article className={`card decision${d.voided ? ' voided' : ''}`} data-testid="decision" data-number={d.number} data-type={d.type} data-printed={d.printed} data-voided={!!d.voided} data-served={d.servedOn ?? ''}>
      <p className="hint" data-testid="document-type">{t(`document.type.${d.type}`)}</p>
      <h4 data-testid="decision-number">{d.number}</h4>
      {d.workstation && <p className="hint" data-testid="from-window">{t('document.fromWindow', { workstation: d.workstation })}</p>}
      {d.type === 'service' && <p data-testid="serves">{t('service.serves', { numbers: d.serves.join(', ') })}</p>}
      {d.servedOn && <p className="ok" data-testid="served-on">{t('service.servedOn', { date: d.servedOn })}</p>}
      <p className="hint">
        {beijingTime(d.issuedAt, t, { seconds: true })} · {d.issuedBy} · SHA-256 <span className="mono" data-testid="decision-sha">{d.sha256.slice(0, 16)}…</span>
      </p>
      {d.voided && (
        <p className="bad" data-testid="decision-void">
          {t('decision.voided', { by: d.voided.by })}: {d.voided.reason}
        </p>
      )}
      <div data-testid="print-state" data-state={printing ? 'printing' : (last?.state ?? 'none')} className={last?.state === 'failed' || last?.state === 'unknown' ? 'bad' : d.printed ? 'ok' : undefined} role="status">
        {printing
          ? t('decision.printingWait')
          : !last
            ? t('decision.notPrinted')
            : last.state === 'failed'
              ? t('decision.printFailed', { reason: t(`decision.printError.${last.reasonCode ?? 'refused'}`, { printer: last.printer }) })
              : last.state === 'unknown'
                ? t('decision.printUnknown', { printer: last.printer })
                : last.state === 'submitted'
                  ? t('decision.withPrinter')
                  : last.copyNo
                    ? t('decision.copyPrinted', { n: last.copyNo, printer: last.printer })
                    : t('decision.printed', { printer: last.printer })}
        {last?.message && !printing && (last.state === 'failed' || last.state === 'unknown') && (
          <details data-testid="print-details">
            <summary>{t('decision.details')}</summary>
            <span className="mono">{last.message}</span>
          </details>
        )}
        {last?.state === 'unknown' && !printing && (
          <div className="row">
            <button type="button" onClick={() => void confirm(true)} data-testid="print-confirm-yes">{t('decision.itPrinted')}</button>
            <button type="button" onClick={() => void confirm(false)} data-testid="print-confirm-no">{t('decision.itDidNotPrint')}</button>
          </div>
        )}
      </div>
      {d.prints.length > 0 && (
        <ol className="hint" data-testid="prints">
          {d.prints.map((p) => (
            <li key={p.id} data-state={p.state} data-copy={p.copyNo}>
              {beijingTime(p.at, t, { seconds: true })} · {p.copyNo ? t('decision.copyN', { n: p.copyNo }) : t('decision.original')} · {p.printer} · {t(`decision.state.${p.state}`)}
              {p.jobId ? ` · ${p.jobId}` : ''}
            </li>
          ))}
        </ol>
      )}
      {!d.voided && (
        <div className="row">
          <button type="button" className="primary" onClick={() => void print()} disabled={printing || last?.state === 'unknown'} data-focus="print-decision" data-testid="print-decision">
            {d.printed ? t('decision.reprint') : last?.state === 'failed' ? t('decision.printAgain') : t('decision.print')}
          </button>
          <button type="button" onClick={() => void view()} data-testid="view-decision">{t('decision.view')}</button>
          {!d.workstation && <button type="button" onClick={() => setVoiding(!voiding)} data-testid="void-decision">{t('decision.void')}</button>}
          {d.type !== 'service' && !d.servedOn && (
            <button type="button" onClick={() => setServing(!serving)} data-focus="serve-document" data-testid="serve-document">{t('service.record')}</button>
          )}
        </div>
      )}
      {serving && !d.voided && !d.servedOn && (
        <ServiceForm
          document={d}
          applicantName={applicantName}
          onDone={() => {
            setServing(false);
            onDone('served', d.number);
            onChanged();
          }}
        />
      )}
      {voiding && (
        <form onSubmit={doVoid} data-testid="void-form">
          <label>
            {t('signIn.username')}
            <input value={voidForm.username} onChange={(e) => setVoidForm({ ...voidForm, username: e.target.value })} autoComplete="off" required />
          </label>
          <label>
            {t('signIn.password')}
            <input type="password" value={voidForm.password} onChange={(e) => setVoidForm({ ...voidForm, password: e.target.value })} autoComplete="off" required />
          </label>
          <label>
            {t('decision.voidReason')}
            <textarea rows={2} minLength={10} value={voidForm.reason} onChange={(e) => setVoidForm({ ...voidForm, reason: e.target.value })} required />
          </label>
          <button type="submit">{t('decision.confirmVoid')}</button>
        </form>
      )}
      <ErrorMessage error={error} />
      {preview && <DecisionPreview number={d.number} base64={preview} onClose={() => setPreview(null)} />}
    </article>
  );
}

/** Which document a record calls for, and the call that issues it. */
const ISSUE: { type: DocumentType; method: 'decisions.issue' | 'decisions.issueRefusal' | 'decisions.issueSupplementNotice' }[] = [
  { type: 'grant', method: 'decisions.issue' },
  { type: 'refusal', method: 'decisions.issueRefusal' },
  { type: 'supplement', method: 'decisions.issueSupplementNotice' },
];

/**
 * The documents of the case: the one its newest record calls for (the grant on an approval, the
 * refusal on a rejection, the supplement notice on a request for supplements), numbered from this
 * window's block of its type, then printed and served; each proof of service is a document too.
 */
export function DecisionPanel({
  decisions,
  issuable,
  numbersLeft,
  printer,
  applicantName,
  onChanged,
  onDone,
}: {
  decisions: DecisionView[];
  /** The record a document can be issued on now, with the document's type. */
  issuable: { type: DocumentType; recordId: string } | null;
  numbersLeft: Record<DocumentType, number>;
  printer: DecisionPrinter | null;
  applicantName: string;
  onChanged: () => void;
  onDone: (what: DocumentDone, number: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function issue() {
    if (!issuable) return;
    setBusy(true);
    const r = await call(ISSUE.find((x) => x.type === issuable.type)!.method, { verificationId: issuable.recordId });
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) onDone('issued', r.value.number);
    onChanged();
  }
  if (!decisions.length && !issuable) return null;
  return (
    <section aria-labelledby="decision-h" data-testid="decisions">
      <h3 id="decision-h">{t('document.heading')}</h3>
      {issuable && (
        <p className="row">
          <button type="button" className="primary" onClick={() => void issue()} disabled={busy} data-testid={issuable.type === 'grant' ? 'issue-decision' : `issue-${issuable.type}`}>
            {busy ? t('decision.issuing') : t(`document.issue.${issuable.type}`)}
          </button>
          <span className="hint">{t('document.numbersLeft', { count: numbersLeft[issuable.type], type: t(`document.type.${issuable.type}`) })}</span>
        </p>
      )}
      {printer ? (
        <p className="hint" data-testid="decision-printer" data-printer={printer.name}>
          {t(`decision.printsOn.${printer.how}`, { printer: printer.name })}
        </p>
      ) : (
        <p className="warn-line" data-testid="decision-printer" data-printer="" role="alert">
          {t('decision.noPrinter')}
        </p>
      )}
      <ErrorMessage error={error} />
      {decisions.map((d) => (
        <DecisionCard key={d.id} d={d} applicantName={applicantName} onChanged={onChanged} onDone={onDone} />
      ))}
    </section>
  );
}
