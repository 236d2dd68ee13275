import type { LegacyPermitCard } from '../../../shared/cases';
import type { RegionName } from '../../../shared/regions';
import { useTranslation } from 'react-i18next';
import type { PermitFields, PermitScanResult, PermitVerdict } from '../../../shared/permit-qr';
import { VerdictIcon } from './VerdictIcon';

export const TONE: Record<PermitVerdict, 'good' | 'bad' | 'warn' | 'info'> = {
  VALID: 'good',
  EXPIRED: 'bad',
  NOT_YET_VALID: 'warn',
  REVOKED: 'bad',
  SIGNATURE_INVALID: 'bad',
  UNKNOWN_SIGNER: 'bad',
  MALFORMED: 'warn',
  UNSUPPORTED: 'warn',
  REFERENCE: 'info',
  NOT_A_PERMIT: 'warn',
};

export const FIELD_ORDER: (keyof PermitFields)[] = ['nm', 'nmz', 'nat', 'dob', 'sex', 'ppn', 'pn', 'nn', 'cat', 'emp', 'uscc', 'pos', 'loc', 'vf', 'vt', 'ssn'];

/** A GB/T 2260 code as a person reads it, in the screen's language, the code beside; an unknown code as it is. */
/** A permit's field as the screen and the slip show it: sex and the work place in words, the rest as written. */
export function fieldText(result: PermitScanResult, f: keyof PermitFields, t: (key: string) => string, language: string): string {
  const permit = result.check.permit!;
  if (f === 'sex') return t(`sex.${permit.sex}`);
  if (f === 'loc') return placeText(result.place, String(permit.loc), language);
  return String(permit[f]);
}

export function placeText(place: RegionName | null, code: string, language: string): string {
  if (!place?.known) return code;
  return `${language === 'en' ? place.en : place.zh} (${place.code})`;
}

/** An old physical work permit card (the reform's transition): valid until extended or changed, or expired. */
export function LegacyCardNote({ card }: { card: LegacyPermitCard }) {
  const { t } = useTranslation();
  return (
    <div className={card.state === 'expired' ? 'warn-banner' : 'info-banner'} data-testid="legacy-card" data-state={card.state} role="status">
      <p className="big">{t('legacyCard.title', { permitNo: card.permitNo })}</p>
      <p>{t(`legacyCard.${card.state}`, { validTo: card.validTo ?? '' })}</p>
      <p className="hint">{t('legacyCard.replacement')}</p>
    </div>
  );
}

/** One large verdict, in colour, icon and words in both languages, then the permit's fields. */
export function VerdictPanel({ result }: { result: PermitScanResult }) {
  const { t, i18n } = useTranslation();
  const other = i18n.getFixedT(i18n.language === 'en' ? 'zh-CN' : 'en');
  const { check } = result;
  const v = check.verdict;
  const reliable = v === 'VALID';
  return (
    <section className={`verdict-panel tone-${TONE[v]}`} data-testid="verdict" data-verdict={v} aria-live="assertive">
      <div className="verdict-head">
        <VerdictIcon verdict={v} />
        <div>
          <p className="verdict-word">{t(`verdict.${v}.title`)}</p>
          <p className="verdict-other">{other(`verdict.${v}.title`)}</p>
        </div>
      </div>
      <p className="verdict-explain">{t(`verdict.${v}.explain`)}</p>
      {check.stage && <p>{t('scan.stage', { stage: t(`stage.${check.stage}`) })}</p>}
      {check.reference && <p className="big">{t('scan.referenceFound', { reference: check.reference })}</p>}
      {result.legacyCard && <LegacyCardNote card={result.legacyCard} />}
      {check.trustListStale && <p className="warn-line" data-testid="stale">{t('scan.trustStale')}</p>}
      {check.permit && (
        <>
          {!reliable && <p className="unreliable" data-testid="unreliable">{t('scan.unreliable')}</p>}
          {reliable && <p className="compare-prompt" data-testid="compare-prompt">{t('scan.comparePrompt')}</p>}
          <dl className={reliable ? 'permit-fields' : 'permit-fields unreliable-fields'} data-testid="permit-fields">
            {FIELD_ORDER.filter((f) => check.permit![f] !== undefined).map((f) => (
              <div key={f} className={['nm', 'dob', 'ppn'].includes(f) ? 'compare' : undefined}>
                <dt>{t(`wp.${f}`)}</dt>
                <dd data-field={f}>{fieldText(result, f, t, i18n.language)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
