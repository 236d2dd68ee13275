import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditCheck, AuditEntryView } from '../../../shared/audit';
import { AUDIT_ACTIONS, auditActionKey } from '../../../shared/audit-actions';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { beijingTime } from '../shell/time';

/** The filters of the log, as the core takes them (Beijing days as YYYY-MM-DD). */
interface AuditFilter {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function AuditScreen() {
  const { t } = useTranslation();
  // A scan's verdict is a code in the chain; the screen and the export say it in words.
  const targetWords = (e: { action: string; target: string | null }) => (e.action === 'permit.scanned' && e.target ? t(`verdict.${e.target}.title`, { defaultValue: e.target }) : (e.target ?? ''));
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const [filter, setFilter] = useState<AuditFilter>({});
  const [exporting, setExporting] = useState<number | null>(null);

  const load = useCallback(
    async (beforeSeq?: number) => {
      const r = await call('audit.list', { limit: 100, ...filter, ...(beforeSeq ? { beforeSeq } : {}) });
      if (r.ok) {
        setError(null);
        setEntries((prev) => (beforeSeq ? [...prev, ...r.value] : r.value));
      } else setError(r.error);
    },
    [filter],
  );
  useEffect(() => {
    void load();
  }, [load]);

  function applyFilter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim() || undefined;
    setFilter({ actor: value('actor'), action: value('action'), from: value('from'), to: value('to') });
  }

  // Everything the filters select, page by page with the count shown, as CSV in the user's language
  // (with a BOM, so that a spreadsheet opens the Chinese as Chinese).
  async function exportCsv() {
    const rows: AuditEntryView[] = [];
    setExporting(0);
    for (let before: number | undefined; ; ) {
      const r = await call('audit.list', { limit: 500, ...filter, ...(before ? { beforeSeq: before } : {}) });
      if (!r.ok) {
        setExporting(null);
        return setError(r.error);
      }
      rows.push(...r.value);
      setExporting(rows.length);
      if (r.value.length < 500) break;
      before = r.value[r.value.length - 1].seq;
    }
    const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const header = ['seq', 'at', 'actor', 'action', 'target'].map((c) => t(`audit.columns.${c}`));
    const lines = [header, ...rows.map((e) => [String(e.seq), beijingTime(e.at, t, { seconds: true }), actorName(e.actor), actionName(e.action), targetWords(e)])];
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(['\ufeff', lines.map((l) => l.map(cell).join(',')).join('\r\n')], { type: 'text/csv' }));
    link.download = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
    setExporting(null);
  }

  const actorName = (actor: string) => t(`audit.actor.${actor}`, { defaultValue: actor });
  const actionName = (action: string) => t(auditActionKey(action), { defaultValue: action });

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
      <form className="filters" onSubmit={applyFilter} data-testid="audit-filters">
        <label>
          {t('audit.filter.actor')}
          <input name="actor" data-testid="audit-filter-actor" autoComplete="off" />
        </label>
        <label>
          {t('audit.filter.action')}
          <select name="action" data-testid="audit-filter-action" defaultValue="">
            <option value="">{t('audit.filter.any')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>{actionName(a)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.from')}
          <input name="from" type="date" data-testid="audit-filter-from" />
        </label>
        <label>
          {t('audit.filter.to')}
          <input name="to" type="date" data-testid="audit-filter-to" />
        </label>
        <button type="submit" data-testid="audit-filter-apply">{t('audit.filter.apply')}</button>
        <button type="button" onClick={() => void exportCsv()} disabled={exporting !== null} data-testid="audit-export">
          {exporting === null ? t('audit.export') : t('audit.exporting', { count: exporting })}
        </button>
      </form>
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
              <td data-testid="audit-actor">{actorName(e.actor)}</td>
              {/* The action in words; its code stays as a tooltip for IT (a code a later version wrote is shown as is). */}
              <td data-testid="audit-action" data-action={e.action} title={e.action}>
                {actionName(e.action)}
              </td>
              <td title={e.target ?? undefined}>{targetWords(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !error && <p className="hint" data-testid="audit-empty">{t('audit.empty')}</p>}
      {entries.length > 0 && entries[entries.length - 1].seq > 1 && (
        <button onClick={() => void load(entries[entries.length - 1].seq)}>{t('audit.more')}</button>
      )}
    </section>
  );
}
