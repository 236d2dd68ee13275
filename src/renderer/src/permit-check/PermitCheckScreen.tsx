import { useTranslation } from 'react-i18next';

/** The police officer's only screen. The QR pipeline fills it; until then it says so plainly. */
export function PermitCheckScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="permit-check-heading" data-testid="permit-check">
      <h1 id="permit-check-heading">{t('permitCheck.heading')}</h1>
      <p className="big">{t('permitCheck.waiting')}</p>
      <p>{t('permitCheck.notYet')}</p>
    </section>
  );
}
