import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { CALLBACK_WAYS, type CallbackWay, type FollowUpView } from '../../../shared/follow-ups';
import { call, onCoreEvent } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { beijingTime } from '../shell/time';

/**
 * The office's follow-ups of dissatisfied evaluations: open and overdue first, each with the applicant's
 * reasons, whose service it was and its due day; the supervisor records what was checked, what was put
 * right and the callback, and closes it. Closed ones are kept as closed.
 */
export function FollowUpsScreen() {
  const { t } = useTranslation();
  const [list, setList] = useState<FollowUpView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => void call('followUps.list', {}).then((r) => (r.ok ? setList(r.value) : setError(r.error))), []);
  useEffect(load, [load]);
  useEffect(() => onCoreEvent((e) => e.type === 'follow-up.opened' && load()), [load]);
  if (!list) return <ErrorMessage error={error} />;
  return (
    <section aria-labelledby="follow-ups-h" data-testid="follow-ups">
      <h1 id="follow-ups-h">{t('followUps.heading')}</h1>
      <p className="hint">{t('followUps.basis')}</p>
      <ErrorMessage error={error} />
      {list.length === 0 && <p data-testid="follow-ups-none">{t('followUps.none')}</p>}
      {list.map((f) => (
        <FollowUpCard key={f.evaluationId} f={f} onSaved={load} />
      ))}
    </section>
  );
}

function FollowUpCard({ f, onSaved }: { f: FollowUpView; onSaved: () => void }) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(f.checked);
  const [putRight, setPutRight] = useState(f.putRight);
  const [on, setOn] = useState(f.callback.on ?? '');
  const [how, setHow] = useState<CallbackWay | ''>(f.callback.how ?? '');
  const [said, setSaid] = useState(f.callback.said);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const closed = f.state === 'closed';
  const entry = () => ({ evaluationId: f.evaluationId, checked, putRight, callback: { on: on || null, how: how || null, said } });
  async function act(method: 'followUps.save' | 'followUps.close') {
    const r = await call(method, entry());
    setError(r.ok ? null : r.error);
    setSaved(r.ok);
    if (r.ok) onSaved();
  }
  return (
    <article className="card" data-testid="follow-up" data-state={f.state} data-notice={f.noticeNo} aria-labelledby={`fu-${f.evaluationId}`}>
      <h2 id={`fu-${f.evaluationId}`}>
        {f.noticeNo} · {t('followUps.grade', { grade: f.grade })} · <span className={f.state === 'open' ? undefined : f.state === 'overdue' ? 'bad' : 'ok'} data-testid="follow-up-state">{t(`followUps.state.${f.state}`)}</span>
      </h2>
      <p>
        {t('followUps.given', { at: beijingTime(f.evaluatedAt, t), clerk: f.clerk, workstation: f.workstation })} · {t('followUps.due', { day: f.dueDay })}
        {!f.dueKnown && ` (${t('followUps.dueUnknown')})`}
      </p>
      <p>
        {t('followUps.reasons')}: {f.reasons.map((r) => t(`applicantReason.${r}`, { defaultValue: r })).join(' · ')}
      </p>
      <label>
        {t('followUps.checked')}
        <textarea rows={2} value={checked} disabled={closed} onChange={(e) => setChecked(e.target.value)} data-testid="follow-up-checked" />
      </label>
      <label>
        {t('followUps.putRight')}
        <textarea rows={2} value={putRight} disabled={closed} onChange={(e) => setPutRight(e.target.value)} data-testid="follow-up-put-right" />
      </label>
      <fieldset>
        <legend>{t('followUps.callback')}</legend>
        <label>
          {t('followUps.callbackOn')}
          <input type="date" value={on} disabled={closed} onChange={(e) => setOn(e.target.value)} data-testid="follow-up-callback-on" />
        </label>
        <label>
          {t('followUps.callbackHow')}
          <select value={how} disabled={closed} onChange={(e) => setHow(e.target.value as CallbackWay | '')} data-testid="follow-up-callback-how">
            <option value="">—</option>
            {CALLBACK_WAYS.map((w) => (
              <option key={w} value={w}>{t(`followUps.way.${w}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('followUps.callbackSaid')}
          <textarea rows={2} value={said} disabled={closed} onChange={(e) => setSaid(e.target.value)} data-testid="follow-up-callback-said" />
        </label>
      </fieldset>
      {closed ? (
        <p className="ok" data-testid="follow-up-closed">{t('followUps.closedBy', { by: f.closedBy, at: beijingTime(f.closedAt!, t) })}{f.late && ` · ${t('followUps.late')}`}</p>
      ) : (
        <div className="row">
          <button type="button" onClick={() => void act('followUps.save')} data-testid="follow-up-save">{t('followUps.save')}</button>
          <button type="button" onClick={() => void act('followUps.close')} data-testid="follow-up-close">{t('followUps.close')}</button>
          {saved && <small className="hint" role="status">{t('followUps.saved')}</small>}
        </div>
      )}
      <ErrorMessage error={error} />
    </article>
  );
}
