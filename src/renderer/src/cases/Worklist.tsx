import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES } from '../../../shared/cases';
import type { ApiError } from '../../../shared/errors';
import { URGENCIES, WORK_KINDS, type WorkKind, type Worklist as WorklistData, type WorklistFilter } from '../../../shared/worklists';
import { call, onCoreEvent } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

/** Where each kind of work is done on the case's page. */
export type CaseStep = 'materials' | 'document' | 'service';
const STEP_OF: Record<WorkKind, CaseStep> = { visit: 'materials', supplement: 'materials', decide: 'document', serve: 'service' };

/**
 * The clerk's home: today's work counted by urgency and kind (each count a filter), the filters, and
 * the items they select, most urgent first; each opens its case where its work is.
 */
export function Worklist({ onOpen }: { onOpen: (noticeNo: string, step: CaseStep) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<WorklistFilter>({});
  const [w, setW] = useState<WorklistData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Each sync that reached the authority may bring work other windows made (a case back with supplements): counted again.
  const [synced, setSynced] = useState<string | null>(null);
  useEffect(() => onCoreEvent((e) => e.type === 'sync.state' && e.sync.lastSyncAt && setSynced(e.sync.lastSyncAt)), []);
  useEffect(() => {
    let live = true;
    void call('worklists.today', { filter }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setW(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [filter, synced]);

  // A count selects its work or its deadline; selected again, it clears that filter.
  const tile = (key: 'deadline' | 'work', value: string, label: string, count: number) => {
    const on = filter[key] === value;
    return (
      <button key={value} type="button" className={`tile tile-${value}`} aria-pressed={on} onClick={() => setFilter({ ...filter, [key]: on ? undefined : value })} data-testid={`tile-${value}`}>
        <span className="tile-count" data-testid="tile-count">{count}</span>
        <span className="tile-label">{label}</span>
      </button>
    );
  };
  const select = <K extends keyof WorklistFilter>(key: K, values: readonly string[], label: (v: string) => string) => (
    <label>
      {t(`worklist.filter.${key}`)}
      <select value={filter[key] ?? ''} onChange={(e) => setFilter({ ...filter, [key]: e.target.value || undefined })} data-testid={`filter-${key}`}>
        <option value="">{t('worklist.filter.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>{label(v)}</option>
        ))}
      </select>
    </label>
  );

  return (
    <section aria-labelledby="worklist-h" className="worklist" data-testid="worklist">
      <h2 id="worklist-h">{t('worklist.heading')}</h2>
      <ErrorMessage error={error} />
      {w && (
        <>
          <div className="tiles" role="group" aria-label={t('worklist.counts')}>
            {tile('deadline', 'overdue', t('worklist.urgency.overdue'), w.counts.overdue)}
            {tile('deadline', 'near', t('worklist.urgency.near', { count: w.nearDays }), w.counts.near)}
            {WORK_KINDS.map((k) => tile('work', k, t(`worklist.work.${k}`), w.counts[k]))}
          </div>
          <div className="row filters">
            {select('category', ['A', 'B', 'C'], (v) => t(`category.${v}`))}
            {select('status', CASE_STATUSES, (v) => t(`status.${v}`))}
            {select('deadline', URGENCIES, (v) => t(`worklist.urgency.${v}`, { count: w.nearDays }))}
            {select('work', WORK_KINDS, (v) => t(`worklist.work.${v}`))}
          </div>
          <p aria-live="polite" data-testid="worklist-total">
            {w.total === 0 ? t('worklist.none') : w.items.length < w.total ? t('worklist.showing', { shown: w.items.length, count: w.total }) : t('worklist.total', { count: w.total })}
          </p>
          {w.items.length > 0 && (
            <table className="results" data-testid="worklist-items">
              <thead>
                <tr>
                  <th>{t('cases.columns.notice')}</th>
                  <th>{t('cases.columns.name')}</th>
                  <th>{t('cases.columns.category')}</th>
                  <th>{t('worklist.columns.work')}</th>
                  <th>{t('worklist.columns.due')}</th>
                  <th>{t('cases.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {w.items.map((i) => (
                  <tr key={`${i.noticeNo}-${i.work}`} data-testid="work-item" data-notice={i.noticeNo} data-work={i.work} data-urgency={i.urgency}>
                    <td className="nowrap">
                      <button className="link" onClick={() => onOpen(i.noticeNo, STEP_OF[i.work])} data-testid="open-work">
                        {i.noticeNo}
                      </button>
                    </td>
                    <td>
                      {i.name}
                      {i.nameZh ? ` ${i.nameZh}` : ''}
                    </td>
                    <td>{i.category}</td>
                    <td>
                      {t(`worklist.work.${i.work}`)}
                      {i.supplement && (
                        <small className="hint" data-testid="work-supplement" data-document={i.supplement.documentNumber ?? ''} data-window={i.supplement.workstation}>
                          <br />
                          {t('worklist.supplementAsked', {
                            number: i.supplement.documentNumber ?? t('worklist.noNoticeYet'),
                            missing: i.supplement.missing.map((m) => t(`material.${m}`, { defaultValue: m })).join(', ') || '—',
                            lastDay: i.supplement.lastDay ?? '—',
                            window: i.supplement.workstation,
                          })}
                        </small>
                      )}
                    </td>
                    <td className={`nowrap urgency-${i.urgency}`}>
                      {i.dueOn} · {i.daysLeft < 0 ? t('worklist.daysLate', { count: -i.daysLeft }) : t('worklist.daysLeft', { count: i.daysLeft })}
                    </td>
                    <td>{t(`status.${i.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
