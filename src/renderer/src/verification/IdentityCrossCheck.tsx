import { useTranslation } from 'react-i18next';
import type { IdentityEvidence, IdentityRow, IdentitySource } from '../../../shared/verification';

const SOURCES: IdentitySource[] = ['case', 'qr', 'card', 'mrz', 'chip'];

/**
 * What the case, the permit QR, the social security card, the passport MRZ and its chip say of the applicant,
 * side by side; a value that differs from the case is highlighted. The MRZ lines are typed here or
 * come from a passport reader that types them.
 */
export function IdentityCrossCheck({
  rows,
  identity,
  mrz,
  disabled,
  onMrz,
  onRemoveQr,
}: {
  rows: IdentityRow[];
  identity: IdentityEvidence;
  mrz: { line1: string; line2: string } | null;
  disabled: boolean;
  onMrz: (mrz: { line1: string; line2: string } | null) => void;
  /** Takes a code scanned by mistake off the verification. */
  onRemoveQr: () => void;
}) {
  const { t } = useTranslation();
  const line = (k: 'line1' | 'line2', v: string) => {
    const next = { line1: mrz?.line1 ?? '', line2: mrz?.line2 ?? '', [k]: v.toUpperCase().replace(/\s/g, '') };
    onMrz(next.line1 || next.line2 ? next : null);
  };
  return (
    <section aria-labelledby="identity-h" data-testid="identity">
      <h3 id="identity-h">{t('verify.identity')}</h3>
      <p className="row">
        <span data-testid="identity-qr" data-verdict={identity.qr ?? 'none'}>
          {t('verify.source.qr')}: {identity.qr ? t(`verdict.${identity.qr}.title`) : t('verify.qrNotScanned')}
          {identity.qr && (
            <>
              {' '}
              <button type="button" className="link" disabled={disabled} onClick={onRemoveQr} data-testid="remove-qr">
                {t('verify.removeQr')}
              </button>
            </>
          )}
        </span>
        <span data-testid="identity-card">
          {t('verify.source.card')}: {identity.card ? identity.card.cardNumber : t('verify.cardNotRead')}
        </span>
        <span data-testid="identity-mrz" data-ok={identity.mrz === null ? 'none' : String(identity.mrz)}>
          MRZ: {identity.mrz === null ? t('verify.mrzNotTyped') : identity.mrz ? t('verify.mrzOk') : t('verify.mrzBad')}
        </span>
      </p>
      <label className="mrz">
        {t('verify.mrzLines')}
        <input data-testid="mrz-1" className="mono" maxLength={44} value={mrz?.line1 ?? ''} disabled={disabled} onChange={(e) => line('line1', e.target.value)} />
        <input data-testid="mrz-2" className="mono" maxLength={44} value={mrz?.line2 ?? ''} disabled={disabled} onChange={(e) => line('line2', e.target.value)} />
      </label>
      <table className="results" data-testid="cross-check">
        <thead>
          <tr>
            <th scope="col">{t('verify.identityFieldHeading')}</th>
            {SOURCES.map((s) => (
              <th key={s} scope="col">{t(`verify.source.${s}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} data-field={r.field} data-differs={r.differs.length > 0}>
              <th scope="row">{t(`verify.identityField.${r.field}`)}</th>
              {SOURCES.map((s) => (
                <td key={s} className={r.differs.includes(s) ? 'differs' : undefined} data-source={s}>
                  {r.values[s] ?? '—'}
                  {r.differs.includes(s) && ' ≠'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
