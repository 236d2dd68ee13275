import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { RegionTableStatus } from '../../../shared/handlers';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { JsonFileInput } from '../shell/JsonFileInput';

/** The GB/T 2260 table that names work places, its source and date, and importing a newer one. */
export function RegionsPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RegionTableStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void ask('regions.status', {}).then((v) => v !== null && setStatus(v));
  }, []);

  async function importTable(file: File) {
    const r = await call('regions.importTable', { table: await file.text() });
    if (r.ok) setStatus(r.value);
    setError(r.ok ? null : r.error);
  }

  return (
    <section className="card" aria-labelledby="regions-h">
      <h2 id="regions-h">{t('regions.heading')}</h2>
      {status && (
        <p data-testid="regions-status" data-shipped={status.shipped} data-date={status.dataDate}>
          {t(status.shipped ? 'regions.shipped' : 'regions.imported', { date: status.dataDate, codes: status.codes })}
          <br />
          <span className="hint">{status.source}</span>
        </p>
      )}
      <JsonFileInput label={t('regions.import')} testId="regions-import" onFile={(f) => void importTable(f)} />
      <ErrorMessage error={error} />
    </section>
  );
}
