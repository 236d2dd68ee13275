import { useTranslation } from 'react-i18next';
import type { PermitCase } from '../../../shared/cases';
import { CATEGORY_A_DECISIONS, type IdentityEvidence, type IdentityRow, type VerificationDraft } from '../../../shared/verification';
import { IdentityCrossCheck } from './IdentityCrossCheck';
import { ChipPanel } from './ChipPanel';
import type { ChipRead } from '../../../shared/passport';
import type { EvidenceImageView } from '../../../shared/evidence';

/** The identity step: the cross-check of QR, card, MRZ, chip and case, the passport's chip, Category A's attendance decision, the note. */
export function IdentityStep({
  sectionRef,
  noticeNo,
  chip,
  passportImage,
  category,
  crossCheck,
  identity,
  draft,
  busy,
  onChange,
  onQrRemoved,
}: {
  sectionRef: (el: HTMLElement | null) => void;
  noticeNo: string;
  chip: ChipRead | null;
  passportImage: EvidenceImageView | undefined;
  category: PermitCase['category'];
  crossCheck: IdentityRow[];
  identity: IdentityEvidence;
  draft: VerificationDraft;
  busy: boolean;
  onChange: (d: VerificationDraft) => void;
  /** The clerk took the scanned code off the verification. */
  onQrRemoved?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section ref={sectionRef} tabIndex={-1} data-step="identity">
      <IdentityCrossCheck rows={crossCheck} identity={identity} mrz={draft.mrz} disabled={busy} onMrz={(mrz) => onChange({ ...draft, mrz })} onRemoveQr={() => {
        onChange({ ...draft, qrText: null });
        onQrRemoved?.();
      }} />
      <ChipPanel noticeNo={noticeNo} chip={chip} evidence={identity.chip} draft={draft} passportImage={passportImage} busy={busy} onChange={onChange} />
      {category === 'A' && (
        <label>
          {t('verify.categoryA.label')}
          <select
            value={draft.categoryA ?? ''}
            onChange={(e) => onChange({ ...draft, categoryA: (e.target.value || null) as VerificationDraft['categoryA'] })}
            data-testid="category-a-decision"
            required
          >
            <option value="">{t('verify.categoryA.choose')}</option>
            {CATEGORY_A_DECISIONS.map((d) => (
              <option key={d} value={d}>{t(`verify.categoryA.${d}`)}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('verify.note')}
        <textarea rows={2} value={draft.note} onChange={(e) => onChange({ ...draft, note: e.target.value })} data-testid="verify-note" />
      </label>
    </section>
  );
}
