import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { ElsewhereView, VerificationView } from '../../../shared/verification';
import { ErrorMessage } from '../shell/ErrorMessage';
import { call } from '../api/client';
import { beijingTime } from '../shell/time';

/**
 * What the office's other windows did on the case, asked of the authority when the case is opened (and
 * again when it changes): plainly said when another window verified or decided it, or signed a record
 * in the last minutes, so that no clerk works a case the authority will refuse from this window; and
 * the documents other windows issued on it, which this window takes to print and serve.
 */
export function ElsewhereBanner({ noticeNo, version, canFill, onFilled }: { noticeNo: string; version: number; canFill: boolean; onFilled: (v: VerificationView) => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ElsewhereView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let gone = false;
    void call('verification.elsewhere', { noticeNo }).then((r) => !gone && setView(r.ok ? r.value : null));
    return () => {
      gone = true;
    };
  }, [noticeNo, version]);
  if (!view) return null;
  if (view.checked === 'unreachable') return <p className="hint" data-testid="elsewhere" data-state="unreachable">{t('verify.elsewhere.unreachable')}</p>;
  const o = view.other;
  if (!o && !view.documents.length) return null;
  const state = view.refused ? 'refused' : view.recent ? 'recent' : 'other';
  // A request for supplements at another window: the visit continues here, from that window's record.
  const fill = async () => {
    const r = await call('verification.fromOffice', { noticeNo });
    setError(r.ok ? null : r.error);
    if (r.ok) onFilled(r.value);
  };
  // Another window's documents: taken here, they are printed and served as this window's own.
  const take = async () => {
    const r = await call('verification.takeFromOffice', { noticeNo });
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setView({ ...view, documents: view.documents.map((d) => ({ ...d, held: true })) });
      onFilled(r.value);
    }
  };
  return (
    <div className={view.refused ? 'warn-banner' : 'hint'} role={view.refused || view.recent ? 'alert' : undefined} data-testid="elsewhere" data-state={o ? state : 'documents'} data-workstation={o?.workstation ?? ''}>
      {o && <p>{t(`verify.elsewhere.${state}`, { workstation: o.workstation, clerk: o.clerk, at: beijingTime(o.at, t), outcome: t(`register.col.${o.outcome}`), status: view.status ?? '' })}</p>}
      {o?.outcome === 'supplement' && !view.refused && canFill && (
        <button type="button" onClick={() => void fill()} data-testid="fill-from-office">
          {t('verify.elsewhere.fill', { workstation: o.workstation })}
        </button>
      )}
      {view.documents.length > 0 && (
        <div data-testid="office-documents">
          <p>{t('verify.elsewhere.documents')}</p>
          <ul>
            {view.documents.map((d) => (
              <li key={d.number} data-testid="office-document" data-number={d.number} data-held={d.held}>
                {t('verify.elsewhere.document', { type: t(`document.type.${d.type}`), number: d.number, workstation: d.workstation, clerk: d.clerk, at: beijingTime(d.at, t) })}
                {d.held && <> · {t('verify.elsewhere.held')}</>}
                {d.servedAt && <> · {t('verify.elsewhere.servedAt', { workstation: d.servedAt })}</>}
              </li>
            ))}
          </ul>
          {view.documents.some((d) => !d.held) && (
            <button type="button" onClick={() => void take()} data-testid="take-from-office">
              {t('verify.elsewhere.take')}
            </button>
          )}
        </div>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
