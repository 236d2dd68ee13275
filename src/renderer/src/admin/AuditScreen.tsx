import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditCheck, AuditEntryView } from '../../../shared/audit';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { beijingTime } from '../shell/time';

export function AuditScreen() {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function load(beforeSeq?: number) {
    const r = await call('audit.list', beforeSeq ? { limit: 100, beforeSeq } : { limit: 100 });
    if (r.ok) setEntries((prev) => (beforeSeq ? [...prev, ...r.value] : r.value));
    else setError(r.error);
  }
  useEffect(() => {
    void load();
  }, []);

  async function verify() {
    const r = await call('audit.verify', {});
    if (r.ok) setCheck(r.value);
    else setError(r.error);
  }

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t('audit.heading')}</h1>
      <button onClick={() => void verify()} data-testid="audit-verify">{t('audit.verify')}</button>
      {check && (
        <p className={check.intact ? 'ok big' : 'bad big'} data-testid="audit-result" role="status">
          {check.intact
            ? t('audit.intact', { count: check.entries })
            : t(`audit.problem.${check.firstBroken?.problem}`, {
                seq: check.firstBroken?.seq,
                record: check.firstBroken?.record ?? '',
                against: t(`audit.against.${check.firstBroken?.against ?? 'sealed-head'}`),
              })}
        </p>
      )}
      {check && (
        <p data-testid="audit-heads">
          {check.heads.sealed ? t('audit.sealedHead', { seq: check.heads.sealed.seq }) : t('audit.noSealedHead')}{' '}
          {typeof check.heads.upstream === 'object' && check.heads.upstream !== null
            ? t('audit.upstreamHead', { seq: check.heads.upstream.seq })
            : t(`audit.upstream.${check.heads.upstream ?? 'none'}`)}
        </p>
      )}
      <ErrorMessage error={error} />
      <table className="results" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('audit.columns.seq')}</th>
            <th>{t('audit.columns.at')}</th>
            <th>{t('audit.columns.actor')}</th>
            <th>{t('audit.columns.action')}</th>
            <th>{t('audit.columns.target')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{beijingTime(e.at, t, { seconds: true })}</td>
              <td>{e.actor}</td>
              <td><code>{e.action}</code></td>
              <td>{e.target ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length > 0 && entries[entries.length - 1].seq > 1 && (
        <button onClick={() => void load(entries[entries.length - 1].seq)}>{t('audit.more')}</button>
      )}
    </section>
  );
}
