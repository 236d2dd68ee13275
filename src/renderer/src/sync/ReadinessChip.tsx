import { useTranslation } from 'react-i18next';
import { ageText, linkText, useSyncState } from './useSyncState';

/**
 * Readiness at a glance, in the top bar: online or offline, the last sync's age, records waiting,
 * decision numbers left and the trust list's age; amber when something needs attention.
 */
export function ReadinessChip() {
  const { t } = useTranslation();
  const [s] = useSyncState();
  if (!s) return null;
  const warn = s.configured && (!s.online || s.stale || s.clockWarning || s.outbox.review + s.outbox.invalid > 0);
  const tone = !s.configured ? 'local' : warn ? 'warn' : 'ok';
  return (
    <span
      className={`readiness readiness-${tone}`}
      data-testid="readiness"
      data-online={String(s.online)}
      data-pending={s.outbox.pending}
      data-stale={s.stale}
      title={s.lastError ?? undefined}
      role="status"
    >
      <strong>{linkText(t, s)}</strong>
      {s.configured && <> · {t('sync.synced', { age: ageText(t, s.lastSyncAt) })}</>}
      {s.outbox.pending > 0 && <> · <span data-testid="readiness-pending">{t('sync.waiting', { count: s.outbox.pending })}</span></>}
      {s.outbox.review + s.outbox.invalid > 0 && <> · {t('sync.refused', { count: s.outbox.review + s.outbox.invalid })}</>}
      {' · '}
      <span className={s.numbersLeft === 0 ? 'bad' : undefined}>{t('sync.numbers', { count: s.numbersLeft })}</span>
      {s.trustListAgeDays !== null && <> · {t('sync.trustAge', { count: s.trustListAgeDays })}</>}
      {s.stale && <> · <span>{t('sync.stale')}</span></>}
      {s.clockWarning && s.clockOffsetMs !== null && <> · <span className="bad">{t('sync.clockOff', { minutes: Math.round(Math.abs(s.clockOffsetMs) / 60_000) })}</span></>}
    </span>
  );
}
