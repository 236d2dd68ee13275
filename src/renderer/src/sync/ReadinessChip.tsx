import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ageText, linkText, problemText, resetOnLine, resetText, useSyncState } from './useSyncState';

/**
 * Readiness at a glance, in the top bar: online or offline, the last sync's age, records waiting,
 * decision numbers left and the trust list's age; amber when something needs attention.
 */
export function ReadinessChip() {
  const { t } = useTranslation();
  const [s] = useSyncState();
  const chip = useRef<HTMLSpanElement>(null);
  // At 1366 px the top bar cuts the line short: its tooltip holds all of it, and the last error.
  useLayoutEffect(() => {
    const el = chip.current;
    if (el) el.title = [el.textContent, s?.lastError].filter(Boolean).join('\n');
  });
  if (!s) return null;
  const warn = s.configured && (!s.online || s.stale || s.clockWarning || s.clockHeldBackMs > 0 || (s.outbox?.review ?? 0) + (s.outbox?.invalid ?? 0) > 0 || s.problems.length > 0 || resetOnLine(s.reset));
  const tone = !s.configured ? 'local' : warn ? 'warn' : 'ok';
  return (
    <span
      className={`readiness readiness-${tone}`}
      data-testid="readiness"
      data-online={String(s.online)}
      data-pending={s.outbox?.pending ?? ''}
      data-stale={s.stale}
      data-problems={s.problems.map((p) => p.code).join(' ')}
      ref={chip}
      role="status"
    >
      <strong>{linkText(t, s)}</strong>
      {s.configured && <> · {t('sync.synced', { age: ageText(t, s.lastSyncAt) })}</>}
      {/* The window's work (waiting records, numbers) only for the roles that do it: the core leaves it out for police. */}
      {s.outbox && s.outbox.pending > 0 && <> · <span data-testid="readiness-pending">{t('sync.waiting', { count: s.outbox.pending })}</span></>}
      {s.outbox && s.outbox.review + s.outbox.invalid > 0 && <> · {t('sync.refused', { count: s.outbox.review + s.outbox.invalid })}</>}
      {s.numbersLeft !== null && (
        <>
          {' · '}
          <span className={s.numbersLeft === 0 ? 'bad' : undefined} data-testid="readiness-numbers">{t('sync.numbers', { count: s.numbersLeft })}</span>
        </>
      )}
      {s.trustListAgeDays !== null && <> · {t('sync.trustAge', { count: s.trustListAgeDays })}</>}
      {s.stale && <> · <span>{t('sync.stale')}</span></>}
      {s.clockWarning && s.clockOffsetMs !== null && <> · <span className="bad">{t('sync.clockOff', { minutes: Math.round(Math.abs(s.clockOffsetMs) / 60_000) })}</span></>}
      {s.clockHeldBackMs > 0 && <> · <span className="bad" data-testid="readiness-clock-held">{t('sync.clockHeld', { minutes: Math.max(1, Math.round(s.clockHeldBackMs / 60_000)) })}</span></>}
      {s.problems.map((p) => (
        <span key={p.step} className="bad" data-testid="readiness-problem" data-step={p.step} data-code={p.code} title={p.message}>
          {' · '}
          {t('sync.problem')}: {problemText(t, p)}
        </span>
      ))}
      {resetOnLine(s.reset) && (
        <span data-testid="readiness-reset">
          {' · '}
          {resetText(t, s.reset)}
        </span>
      )}
    </span>
  );
}
