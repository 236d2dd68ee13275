import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { CscaListStatus } from '../../../shared/evidence';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { beijingTime } from '../shell/time';
import { blobBase64 } from '../shell/base64';

/**
 * The CSCA list passports' chips are checked against: where it came from (the authority, signed by a
 * pinned root; or an administrator's import, on their word, said so), how old it is, and an import.
 */
export function CscaListPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CscaListStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void ask('passport.cscaStatus', {}).then((v) => v !== null && setStatus(v));
  }, []);

  async function importFile(file: File | undefined) {
    if (!file) return;
    const r = await call('passport.importCscas', { base64: await blobBase64(file) });
    if (r.ok) {
      setStatus(r.value);
      setError(null);
      setDone(t('csca.imported', { count: r.value?.count ?? 0 }));
    } else {
      setError(r.error);
      setDone(null);
    }
  }

  return (
    <section className="card" aria-labelledby="csca-h" data-testid="csca-list">
      <h2 id="csca-h">{t('csca.heading')}</h2>
      {status ? (
        <p data-testid="csca-status" data-signed={status.signedBy !== null}>
          {t('csca.status', { count: status.count, version: status.version, issuedAt: beijingTime(status.issuedAt, t), ageDays: status.ageDays })}{' '}
          {status.signedBy ? t('csca.signedBy', { root: status.signedBy }) : <strong className="warn-line">{t('csca.onAdminWord', { by: status.storedBy })}</strong>}
        </p>
      ) : (
        <p className="warn-line" data-testid="csca-status">{t('csca.none')}</p>
      )}
      <label>
        {t('csca.import')}
        <input type="file" accept=".pem,.crt,.cer,.ml,.der,application/x-pem-file" data-testid="csca-import" onChange={(e) => void importFile(e.target.files?.[0])} />
      </label>
      <ErrorMessage error={error} />
      {done && <p className="ok" role="status">{done}</p>}
    </section>
  );
}
