import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { ChipRead } from '../../../shared/passport';
import type { PermitFields } from '../../../shared/permit-qr';
import { ask, call, onCoreEvent } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

/**
 * The police screen's passport chip: the officer types or scans the MRZ's second line, lays the
 * passport on the reader, and sees the chip's verdict and face beside the permit's verdict, with
 * whether the chip's passport number is the permit's.
 */
export function PoliceChipPanel({ permit }: { permit: PermitFields | null }) {
  const { t } = useTranslation();
  const [line, setLine] = useState('');
  const [armed, setArmed] = useState(false);
  const [read, setRead] = useState<ChipRead | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => onCoreEvent((e) => e.type === 'passport.read' && e.read.noticeNo === null && armed && setRead(e.read)), [armed]);
  useEffect(() => () => void ask('passport.expect', {}), []);
  // As the permit's verdict does, a chip's data clears itself after two minutes, so the next person never sees it.
  useEffect(() => {
    if (!read) return;
    const timer = window.setTimeout(() => setRead(null), 120_000);
    return () => window.clearTimeout(timer);
  }, [read]);

  async function open(e: React.FormEvent) {
    e.preventDefault();
    setRead(null);
    const r = await call('passport.expect', { mrz: line.trim().toUpperCase() });
    setError(r.ok ? null : r.error);
    setArmed(r.ok);
  }
  const verdict = read?.access ? read.passiveAuthentication : null;
  const chipNo = read?.dg1?.fields.documentNumber;
  return (
    <section className="verdict-panel tone-info no-print" aria-labelledby="police-chip-h" data-testid="police-chip">
      <h2 id="police-chip-h">{t('policeChip.heading')}</h2>
      <form onSubmit={(e) => void open(e)} className="row">
        <label>
          {t('policeChip.mrzLabel')}
          <input className="mono" maxLength={44} value={line} onChange={(e) => setLine(e.target.value.replace(/\s/g, ''))} data-testid="police-chip-mrz" />
        </label>
        <button type="submit" data-testid="police-chip-open">{t('policeChip.open')}</button>
      </form>
      <ErrorMessage error={error} />
      {armed && !read && <p className="hint">{t('verify.chip.waiting')}</p>}
      {read && !read.access && (
        <p className="bad" role="alert" data-testid="police-chip-problem" data-problem={read.problems[0]}>
          {t(`verify.chip.problem.${read.problems[0]}`, { key: t('verify.chip.key.typed') })}
        </p>
      )}
      {verdict && read && (
        <>
          <p className={verdict === 'valid' ? 'ok' : 'bad'} data-testid="police-chip-verdict" data-verdict={verdict}>
            <strong>{t(`verify.chip.verdict.${verdict}`)}</strong>
          </p>
          {permit && chipNo && (
            <p className={permit.ppn.toUpperCase() === chipNo ? 'ok' : 'bad'} data-testid="police-chip-permit">
              {permit.ppn.toUpperCase() === chipNo ? t('policeChip.matchesPermit', { number: chipNo }) : t('policeChip.differsPermit', { chip: chipNo, permit: permit.ppn })}
            </p>
          )}
          {read.faceJpeg && <img className="chip-face" src={`data:image/jpeg;base64,${read.faceJpeg}`} alt={t('verify.chip.photoChip')} />}
        </>
      )}
    </section>
  );
}
