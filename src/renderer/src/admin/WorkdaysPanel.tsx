import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { JsonFileInput } from '../shell/JsonFileInput';

type Known = { year: number; source: 'shipped' | 'upstream' | 'import' }[];

/** The State Council's holiday schedules the working-day clock knows, and importing next year's. */
export function WorkdaysPanel() {
  const { t } = useTranslation();
  const [known, setKnown] = useState<Known>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void ask('workdays.status', {}).then((v) => v !== null && setKnown(v));
  }, []);

  async function importSchedule(file: File) {
    const r = await call('workdays.importSchedule', { schedule: await file.text() });
    if (r.ok) setKnown(r.value);
    setError(r.ok ? null : r.error);
  }

  const shipped = known.filter((k) => k.source === 'shipped').map((k) => k.year);
  const received = known.filter((k) => k.source !== 'shipped');
  return (
    <section className="card" aria-labelledby="workdays-h">
      <h2 id="workdays-h">{t('workdays.heading')}</h2>
      <p data-testid="workdays-known">
        {shipped.length > 0 && t('workdays.shipped', { from: shipped[0], to: shipped[shipped.length - 1] })}
        {received.map((k) => ` ${t('workdays.received', { year: k.year, source: t(`workdays.source.${k.source}`) })}`).join('')}
      </p>
      <JsonFileInput label={t('workdays.import')} testId="workdays-import" onFile={(f) => void importSchedule(f)} />
      <ErrorMessage error={error} />
    </section>
  );
}
