import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { OutboxProblem } from '../../../shared/sync';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { useApp } from '../session/useSession';
import { ageText, linkText, problemText, resetText, useSyncState } from './useSyncState';

/** The link to the authority's system in full, "Sync now", and the records it refused, which a supervisor resolves. */
export function SyncPanel() {
  const { t } = useTranslation();
  const { session } = useApp();
  const role = session.account?.role;
  const [s, setS] = useSyncState();
  const [problems, setProblems] = useState<OutboxProblem[]>([]);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const canSeeProblems = role === 'supervisor' || role === 'admin';

  useEffect(() => {
    if (canSeeProblems) void ask('sync.problems', {}).then((v) => v !== null && setProblems(v));
  }, [canSeeProblems, s?.outbox?.review, s?.outbox?.invalid]);

  async function runNow() {
    setBusy(true);
    const r = await call('sync.runNow', {});
    setBusy(false);
    if (r.ok) setS(r.value);
    else setError(r.error);
  }
  async function acceptClock() {
    const r = await call('sync.acceptServerClock', {});
    if (r.ok) setS(r.value);
    setError(r.ok ? null : r.error);
  }
  async function resolve(id: number) {
    const r = await call('sync.resolve', { id, note: notes[id] ?? '' });
    if (r.ok) setProblems(r.value);
    setError(r.ok ? null : r.error);
  }

  if (!s) return null;
  return (
    <section className="card" aria-labelledby="sync-h" data-testid="sync-panel">
      <h2 id="sync-h">{t('sync.heading')}</h2>
      <dl>
        <dt>{t('sync.link')}</dt>
        <dd data-testid="sync-link">{linkText(t, s)}</dd>
        <dt>{t('sync.lastSync')}</dt>
        <dd>{ageText(t, s.lastSyncAt)}{s.stale ? ` — ${t('sync.stale')}` : ''}</dd>
        {s.lastError && (
          <>
            <dt>{t('sync.lastError')}</dt>
            <dd className="bad">{s.lastError}</dd>
          </>
        )}
        {s.problems.length > 0 && (
          <>
            <dt>{t('sync.problemsNow')}</dt>
            <dd className="bad" data-testid="sync-step-problems">
              {s.problems.map((p) => (
                <div key={p.step} title={p.message}>{problemText(t, p)}</div>
              ))}
            </dd>
          </>
        )}
        {s.reset && (
          <>
            <dt>{t('sync.lastReset')}</dt>
            <dd data-testid="sync-reset">
              {resetText(t, s.reset)}
              {s.reset.resentAll && <div>{t('sync.resetAll')}</div>}
            </dd>
          </>
        )}
        {s.outbox && (
          <>
            <dt>{t('sync.outbox')}</dt>
            <dd>
              {t('sync.waiting', { count: s.outbox.pending })} · {t('sync.refused', { count: s.outbox.review + s.outbox.invalid })}
              {s.outbox.held > 0 && <> · {t('sync.held', { count: s.outbox.held })}</>}
            </dd>
          </>
        )}
        {s.numbersLeft !== null && (
          <>
            <dt>{t('sync.numbersHeading')}</dt>
            <dd>{t('sync.numbers', { count: s.numbersLeft })}</dd>
          </>
        )}
        <dt>{t('sync.trustList')}</dt>
        <dd>{s.trustListAgeDays === null ? '—' : t('sync.trustAge', { count: s.trustListAgeDays })}</dd>
        <dt>{t('sync.clock')}</dt>
        <dd className={s.clockWarning ? 'bad' : undefined}>
          {s.clockOffsetMs === null ? '—' : t('sync.offset', { seconds: (s.clockOffsetMs / 1000).toFixed(1) })}
          {s.clockRefused && (
            <div className="bad" data-testid="clock-refused">
              {t('sync.clockRefused', { minutes: Math.round(s.clockRefused.offsetMs / 60_000), limit: Math.round(s.clockRefused.limitMs / 60_000) })}{' '}
              {role === 'admin' && (
                <button type="button" data-testid="clock-accept" onClick={() => void acceptClock()}>
                  {t('sync.clockAccept')}
                </button>
              )}
            </div>
          )}
        </dd>
        {s.skippedCases > 0 && (
          <>
            <dt>{t('sync.skipped')}</dt>
            <dd className="bad">{s.skippedCases}</dd>
          </>
        )}
      </dl>
      {s.configured && role !== 'police' && (
        <button type="button" onClick={() => void runNow()} disabled={busy} data-testid="sync-now">
          {busy ? t('sync.running') : t('sync.runNow')}
        </button>
      )}
      {canSeeProblems && problems.length > 0 && (
        <table className="results" data-testid="sync-problems">
          <caption>{t('sync.problems')}</caption>
          <tbody>
            {problems.map((p) => (
              <tr key={p.id} data-state={p.state}>
                <td>{p.noticeNo}</td>
                <td>{t(`sync.kind.${p.kind}`)}</td>
                <td>{t(`sync.problemState.${p.state}`)}: {p.detail}</td>
                {role === 'supervisor' && (
                  <td>
                    <input aria-label={t('sync.resolution')} placeholder={t('sync.resolution')} value={notes[p.id] ?? ''} onChange={(e) => setNotes({ ...notes, [p.id]: e.target.value })} />
                    <button type="button" onClick={() => void resolve(p.id)}>{t('sync.resolve')}</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
