import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElsewhereView } from '../../../shared/verification';
import { call } from '../api/client';
import { beijingTime } from '../shell/time';

/**
 * What the office's other windows did on the case, asked of the authority when the case is opened (and
 * again when it changes): plainly said when another window verified or decided it, or signed a record
 * in the last minutes, so that no clerk works a case the authority will refuse from this window.
 */
export function ElsewhereBanner({ noticeNo, version }: { noticeNo: string; version: number }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ElsewhereView | null>(null);
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
  if (!o) return null;
  const words = { workstation: o.workstation, clerk: o.clerk, at: beijingTime(o.at, t), outcome: t(`register.col.${o.outcome}`), status: view.status ?? '' };
  const state = view.refused ? 'refused' : view.recent ? 'recent' : 'other';
  return (
    <p className={view.refused ? 'warn-banner' : 'hint'} role={view.refused || view.recent ? 'alert' : undefined} data-testid="elsewhere" data-state={state} data-workstation={o.workstation}>
      {t(`verify.elsewhere.${state}`, words)}
    </p>
  );
}
