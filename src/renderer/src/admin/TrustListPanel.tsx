import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { TrustStatus } from '../../../shared/permit-qr';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { JsonFileInput } from '../shell/JsonFileInput';
import { beijingTime } from '../shell/time';

/** The trust data in force, and loading a trust list (and a revocation list) from files. */
export function TrustListPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TrustStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [revocations, setRevocations] = useState<string | undefined>(undefined);

  useEffect(() => {
    void ask('permitQr.trustStatus', {}).then((v) => v !== null && setStatus(v));
  }, []);

  async function importList(file: File) {
    const r = await call('permitQr.importTrustList', revocations === undefined ? { trustList: await file.text() } : { trustList: await file.text(), revocations });
    if (r.ok) {
      setStatus(r.value);
      setError(null);
      setDone(t('trust.imported', { version: r.value?.version }));
    } else {
      setError(r.error);
      setDone(null);
    }
  }

  return (
    <section className="card" aria-labelledby="trust-h">
      <h2 id="trust-h">{t('trust.heading')}</h2>
      {status && (
        <p data-testid="trust-status" className={status.stale ? 'warn-line' : undefined}>
          {t('trust.status', { ...status, issuedAt: beijingTime(status.issuedAt, t) })} {status.stale ? t('scan.trustStale') : ''}
        </p>
      )}
      {status && <TrustRoots status={status} />}
      {status && status.leftOut.length > 0 && (
        <div className="warn-line" data-testid="trust-left-out">
          {t('trust.leftOut')}
          <ul>
            {status.leftOut.map((s) => (
              <li key={s.index} title={s.detail}>
                {t('trust.leftOutEntry', { n: s.index + 1, alg: s.alg ?? '—', issuer: s.issuer ?? '—', reason: t(`trust.leftOutReason.${s.reason}`) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label>
        {t('trust.importRevocations')}
        <input type="file" accept="application/json,.json" onChange={async (e) => setRevocations(await e.target.files?.[0]?.text())} />
      </label>
      <JsonFileInput label={t('trust.import')} testId="trust-import" onFile={(f) => void importList(f)} />
      <ErrorMessage error={error} />
      {done && <p className="ok" role="status">{done}</p>}
    </section>
  );
}

/** Who signed the list in force, and the roots this installation checks every list against (permit-qr.md §3a). */
function TrustRoots({ status }: { status: TrustStatus }) {
  const { t } = useTranslation();
  const nameOf = (kid: string) => {
    const root = status.roots.find((r) => r.kid === kid);
    return root?.name ? `${root.name} (${kid})` : kid;
  };
  return (
    <>
      <p data-testid="trust-signed-by">{status.signedBy ? t('trust.signedBy', { root: nameOf(status.signedBy) }) : t('trust.notSigned')}</p>
      {status.roots.length === 0 ? (
        <p className="error" role="alert" data-testid="trust-no-roots">
          {t('trust.noRoots')}
        </p>
      ) : (
        <p data-testid="trust-roots">{t('trust.roots', { roots: status.roots.map((r) => `${r.name ?? t('trust.rootUnnamed')} (${r.alg}, ${r.kid})`).join('; ') })}</p>
      )}
      {status.roots.some((r) => r.demo) && (
        <p className="warn-line" data-testid="trust-demo-root">
          {t('trust.demoRoot')}
        </p>
      )}
    </>
  );
}
