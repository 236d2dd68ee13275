import { useTranslation } from 'react-i18next';
import type { VerificationRecord } from '../../../shared/verification';
import { beijingTime } from '../shell/time';

/** The signed-off records of the case, newest last; each is final, and a correction points to the one it corrects. */
export function RecordsList({ records, onCorrect, canCorrect }: { records: VerificationRecord[]; onCorrect: (id: string) => void; canCorrect: (r: VerificationRecord) => boolean }) {
  const { t } = useTranslation();
  if (!records.length) return null;
  return (
    <section aria-labelledby="records-h" data-testid="records">
      <h3 id="records-h">{t('verify.records')}</h3>
      <ol>
        {records.map((r) => (
          <li key={r.id} data-testid="record" data-outcome={r.outcome} data-corrected={!!r.correctedBy}>
            <strong>{t(`verify.outcome.${r.outcome}`)}</strong> · {beijingTime(r.at, t, { seconds: true })} · {r.clerk}
            {r.override && (
              <span className="warn-line" data-testid="record-override">
                {' '}· {t('verify.overriddenBy', { by: r.override.by })}: {r.override.reason}
              </span>
            )}
            {r.queueNo && <span data-testid="record-queue-no"> · {t('queue.label')} {r.queueNo}</span>}
            {r.categoryA && <span data-testid="record-category-a"> · {t(`verify.categoryA.${r.categoryA}`)}</span>}
            {r.correctionOf && <span> · {t('verify.corrects', { seq: records.find((x) => x.id === r.correctionOf)?.seq ?? '?' })}</span>}
            {r.correctedBy && <span className="hint"> · {t('verify.correctedLater')}</span>}
            {r.supplements.length > 0 && <ul className="slip" data-testid="supplement-slip">{r.supplements.map((s) => <li key={s}>{s}</li>)}</ul>}
            {r.reasons.length > 0 && <ul>{r.reasons.map((s) => <li key={s}>{s}</li>)}</ul>}
            {canCorrect(r) && (
              <button type="button" onClick={() => onCorrect(r.id)} data-testid="correct-record">
                {t('verify.correct')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
