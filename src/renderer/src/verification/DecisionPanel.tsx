import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { DecisionPrinter } from '../../../shared/permit-qr';
import type { DecisionView } from '../../../shared/verification';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { DecisionPreview } from './DecisionPreview';

/** One decision: its number and fingerprint, whether the spooler said it printed, each print, and void. */
function DecisionCard({ d, onChanged }: { d: DecisionView; onChanged: () => void }) {
  const { t } = useTranslation();
  const [printing, setPrinting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [voidForm, setVoidForm] = useState({ username: '', password: '', reason: '' });
  const [preview, setPreview] = useState<string | null>(null);
  const last = d.prints.at(-1);

  async function print() {
    setPrinting(true);
    const r = await call('decisions.print', { id: d.id });
    setPrinting(false);
    setError(r.ok ? null : r.error);
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
    <article className={`card decision${d.voided ? ' voided' : ''}`} data-testid="decision" data-printed={d.printed} data-voided={!!d.voided}>
      <h4 data-testid="decision-number">{d.number}</h4>
      <p className="hint">
        {new Date(d.issuedAt).toLocaleString()} · {d.issuedBy} · SHA-256 <span className="mono" data-testid="decision-sha">{d.sha256.slice(0, 16)}…</span>
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
              {new Date(p.at).toLocaleTimeString()} · {p.copyNo ? t('decision.copyN', { n: p.copyNo }) : t('decision.original')} · {p.printer} · {t(`decision.state.${p.state}`)}
              {p.jobId ? ` · ${p.jobId}` : ''}
            </li>
          ))}
        </ol>
      )}
      {!d.voided && (
        <div className="row">
          <button type="button" className="primary" onClick={() => void print()} disabled={printing || last?.state === 'unknown'} data-testid="print-decision">
            {d.printed ? t('decision.reprint') : last?.state === 'failed' ? t('decision.printAgain') : t('decision.print')}
          </button>
          <button type="button" onClick={() => void view()} data-testid="view-decision">{t('decision.view')}</button>
          <button type="button" onClick={() => setVoiding(!voiding)} data-testid="void-decision">{t('decision.void')}</button>
        </div>
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

/** The decision on the approved record: issue it (numbered from this window's block), then print it. */
export function DecisionPanel({
  decisions,
  issuableRecord,
  numbersLeft,
  printer,
  onChanged,
}: {
  decisions: DecisionView[];
  issuableRecord: string | null;
  numbersLeft: number;
  printer: DecisionPrinter | null;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function issue() {
    if (!issuableRecord) return;
    setBusy(true);
    const r = await call('decisions.issue', { verificationId: issuableRecord });
    setBusy(false);
    setError(r.ok ? null : r.error);
    onChanged();
  }
  if (!decisions.length && !issuableRecord) return null;
  return (
    <section aria-labelledby="decision-h" data-testid="decisions">
      <h3 id="decision-h">{t('decision.heading')}</h3>
      {issuableRecord && (
        <p className="row">
          <button type="button" className="primary" onClick={() => void issue()} disabled={busy} data-testid="issue-decision">
            {busy ? t('decision.issuing') : t('decision.issue')}
          </button>
          <span className="hint">{t('decision.numbersLeft', { count: numbersLeft })}</span>
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
        <DecisionCard key={d.id} d={d} onChanged={onChanged} />
      ))}
    </section>
  );
}
