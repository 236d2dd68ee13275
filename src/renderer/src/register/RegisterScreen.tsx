import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { FIGURE_COLUMNS, type Register, type RegisterFigures, type RegisterPeriodKind } from '../../../shared/register';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { FormField } from '../shell/FormField';
import { beijingDate, beijingTime } from '../shell/time';
import { RegisterChart } from './RegisterChart';

/** The register's columns on screen: those of its PDF (all evaluations and the dissatisfied, not each grade). */
const COLUMNS = FIGURE_COLUMNS.filter((c) => c.summary);

const monthStart = (day: string) => `${day.slice(0, 8)}01`;

/**
 * The supervisor's register of the window: by day, week or month and by clerk, the sign-offs by
 * outcome, the documents issued, reprinted and voided, the evaluations; charts of the same; the
 * number blocks and the deadlines as they stand; XLSX and PDF export and printing; the end-of-day review.
 */
export function RegisterScreen() {
  const { t } = useTranslation();
  const today = beijingDate(new Date().toISOString());
  const [query, setQuery] = useState<{ from: string; to: string; by: RegisterPeriodKind; scope?: 'window' | 'office' }>({ from: monthStart(today), to: today, by: 'day' });
  const [register, setRegister] = useState<Register | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState('');
  const [signError, setSignError] = useState<ApiError | null>(null);

  async function load(q = query) {
    const r = await call('register.report', q);
    setError(r.ok ? null : r.error);
    if (r.ok) setRegister(r.value);
  }
  // The first register is this month's; later ones on request.
  const [first] = useState(query);
  useEffect(() => {
    void call('register.report', first).then((r) => (r.ok ? setRegister(r.value) : setError(r.error)));
  }, [first]);

  async function exportFile(kind: 'xlsx' | 'pdf') {
    const r = await call(kind === 'xlsx' ? 'register.xlsx' : 'register.pdf', query);
    if (!r.ok) return setError(r.error);
    const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([bytes], { type: kind === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf' }));
    link.download = r.value.filename;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function sign(e: FormEvent) {
    e.preventDefault();
    const r = await call('register.signDay', { day: today, note });
    setSignError(r.ok ? null : r.error);
    if (r.ok) {
      setNote('');
      await load({ ...query, to: query.to < today ? today : query.to });
    }
  }

  const charts = useMemo(() => {
    if (!register) return null;
    const periods = register.totals.map((p) => p.period);
    return {
      periods,
      outcomes: [
        { name: t('register.col.approved'), values: register.totals.map((p) => p.figures.verifications.approved), color: '#0a6b2d' },
        { name: t('register.col.supplement'), values: register.totals.map((p) => p.figures.verifications.supplement), color: '#8a5a00' },
        { name: t('register.col.rejected'), values: register.totals.map((p) => p.figures.verifications.rejected), color: '#b00020' },
      ],
      grades: (['5', '4', '3', '2', '1'] as const).map((g, i) => ({ name: t(`applicant.grade.${g}`), values: register.totals.map((p) => p.figures.evaluations[g]), color: ['#0a6b2d', '#4c9a2a', '#8a8a8a', '#c77700', '#b00020'][i] })),
    };
  }, [register, t]);

  const todayReview = register?.reviews.find((r) => r.day === today);
  return (
    <section aria-labelledby="register-h" data-testid="register">
      <h1 id="register-h">{t('register.heading')}</h1>
      <form
        className="card filters row"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
        noValidate
      >
        <FormField name="from" label={t('register.from')} error={error}>
          {(c) => <input {...c} type="date" value={query.from} onChange={(e) => setQuery({ ...query, from: e.target.value })} data-testid="register-from" />}
        </FormField>
        <FormField name="to" label={t('register.to')} error={error}>
          {(c) => <input {...c} type="date" value={query.to} onChange={(e) => setQuery({ ...query, to: e.target.value })} data-testid="register-to" />}
        </FormField>
        <FormField name="by" label={t('register.by')} error={error}>
          {(c) => (
            <select {...c} value={query.by} onChange={(e) => setQuery({ ...query, by: e.target.value as RegisterPeriodKind })} data-testid="register-by">
              {(['day', 'week', 'month'] as const).map((b) => (
                <option key={b} value={b}>{t(`register.period.${b}`)}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="scope" label={t('register.view.label')} error={error}>
          {(c) => (
            <select {...c} value={query.scope ?? 'window'} onChange={(e) => setQuery({ ...query, scope: e.target.value as 'window' | 'office' })} data-testid="register-view">
              <option value="window">{t('register.view.window')}</option>
              <option value="office">{t('register.view.office')}</option>
            </select>
          )}
        </FormField>
        <button type="submit" className="primary" data-testid="register-show">{t('register.show')}</button>
        <button type="button" onClick={() => void exportFile('xlsx')} data-testid="register-xlsx">{t('register.xlsx')}</button>
        <button type="button" onClick={() => void exportFile('pdf')} data-testid="register-pdf">{t('register.pdf')}</button>
        <button type="button" onClick={() => window.print()} data-testid="register-print">{t('register.print')}</button>
      </form>
      <ErrorMessage error={error} fieldName={(f) => t(`register.${f}`)} problemsBeside />
      {register && charts && (
        <>
          <p className="hint" data-testid="register-scope">
            {t('register.scope', { window: register.window, from: register.from, to: register.to })} · {t('register.deadlines', { overdue: register.deadlines.overdue, near: register.deadlines.near, asOf: register.deadlines.asOf })}
          </p>
          {register.scope === 'office' && (
            <p className={register.unsigned?.length ? 'bad' : 'ok'} data-testid="register-unsigned" data-days={register.unsigned?.length ?? 0}>
              {register.unsigned?.length
                ? `${t('register.unsigned')}: ${register.unsigned.map((u) => `${u.day} (${u.windows.join(', ')})`).join(' · ')}`
                : t('register.allSigned')}
            </p>
          )}
          <p className={register.followUps.overdue ? 'bad' : 'hint'} data-testid="register-follow-ups" data-open={register.followUps.open} data-overdue={register.followUps.overdue} data-closed={register.followUps.closed}>
            {t('register.followUps.heading')}: {t('register.followUps.line', { ...register.followUps })}
          </p>
          <div className="register-charts">
            <RegisterChart label={t('register.chartOutcomes')} periods={charts.periods} series={charts.outcomes} testId="chart-outcomes" />
            <RegisterChart label={t('register.chartGrades')} periods={charts.periods} series={charts.grades} testId="chart-grades" />
          </div>
          <FiguresTable caption={t('register.totals')} rows={[...register.totals.map((p) => ({ lead: [p.period], figures: p.figures })), { lead: [t('register.total')], figures: register.total }]} leads={[t(`register.period.${register.by}`)]} testId="register-totals" />
          <FiguresTable caption={t('register.byClerk')} rows={register.rows.map((r) => ({ lead: [r.period, r.clerk], figures: r.figures }))} leads={[t(`register.period.${register.by}`), t('register.clerk')]} testId="register-by-clerk" />
          <table className="results" data-testid="register-blocks">
            <caption>{t('register.blocks')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('register.blockType')}</th>
                <th scope="col">{t('register.blockRange')}</th>
                <th scope="col">{t('register.used')}</th>
                <th scope="col">{t('register.left')}</th>
              </tr>
            </thead>
            <tbody>
              {register.blocks.map((b) => (
                <tr key={`${b.type}-${b.prefix}-${b.year}-${b.from}`}>
                  <td>{t(`document.type.${b.type}`)}</td>
                  <td>{b.prefix} {b.year} {b.from}–{b.to}</td>
                  <td>{b.used}</td>
                  <td className={b.left === 0 ? 'bad' : undefined}>{b.left}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section className="card" aria-labelledby="review-h" data-testid="day-review">
            <h2 id="review-h">{t('register.reviewHeading', { day: today })}</h2>
            {todayReview ? (
              <p className={todayReview.unchanged ? 'ok' : 'bad'} role="status" data-testid="review-signed" data-unchanged={todayReview.unchanged}>
                {t('register.signedBy', { by: todayReview.signedBy, at: beijingTime(todayReview.signedAt, t) })}
                {!todayReview.unchanged && ` ${t('register.changedSince')}`}
                {todayReview.note && ` — ${todayReview.note}`}
              </p>
            ) : (
              <form onSubmit={sign}>
                <FormField name="note" label={t('register.note')} error={signError}>
                  {(c) => <textarea {...c} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="review-note" />}
                </FormField>
                <button type="submit" className="primary" data-testid="review-sign">{t('register.sign')}</button>
                <ErrorMessage error={signError} />
              </form>
            )}
          </section>
        </>
      )}
    </section>
  );
}

function FiguresTable({ caption, leads, rows, testId }: { caption: string; leads: string[]; rows: { lead: string[]; figures: RegisterFigures }[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <table className="results register-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {leads.map((l) => (
            <th key={l} scope="col">{l}</th>
          ))}
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col">{t(`register.col.${c.key}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.lead.join('|')} data-period={r.lead[0]} data-clerk={r.lead[1] ?? ''}>
            {r.lead.map((l, i) => (i === 0 ? <th key={i} scope="row">{l}</th> : <td key={i}>{l}</td>))}
            {COLUMNS.map((c) => (
              <td key={c.key} data-col={c.key}>{c.of(r.figures)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
