import { useTranslation } from 'react-i18next';
import type { StatutoryClocks, WorkdayClock } from '../../../shared/cases';

/** The statutory clocks that run for the case, in working days, each with its article. */
export function ClocksPanel({ clocks }: { clocks: StatutoryClocks }) {
  const { t } = useTranslation();
  const line = (id: 'decision' | 'service', c: WorkdayClock) => (
    <li key={id} data-testid={`clock-${id}`} data-state={c.state} className={c.state === 'late' ? 'bad' : undefined}>
      <strong>{t(`clocks.${id}`)}</strong>{' '}
      {c.state === 'met'
        ? t('clocks.met', { on: c.doneOn, due: c.dueOn })
        : c.state === 'late' && c.doneOn
          ? t('clocks.doneLate', { on: c.doneOn, due: c.dueOn })
          : c.workdaysLeft >= 0
            ? t('clocks.left', { due: c.dueOn, count: c.workdaysLeft })
            : t('clocks.late', { due: c.dueOn, count: -c.workdaysLeft })}
    </li>
  );
  if (!clocks.decision && !clocks.service && !clocks.supplement) return null;
  return (
    <section className="clocks" aria-labelledby="clocks-h" data-testid="clocks">
      <h2 id="clocks-h">{t('clocks.heading')}</h2>
      <ul>
        {clocks.supplement && (
          <li data-testid="clock-supplement">
            <strong>{t('clocks.supplement')}</strong> {t('clocks.asked', { on: clocks.supplement.askedOn })}
            {clocks.supplement.bringBy && ` ${t('clocks.bringBy', { day: clocks.supplement.bringBy })}`}
          </li>
        )}
        {clocks.decision && line('decision', clocks.decision)}
        {clocks.service && line('service', clocks.service)}
      </ul>
      {!clocks.scheduleKnown && <p className="warn-line">{t('clocks.scheduleUnknown')}</p>}
    </section>
  );
}
