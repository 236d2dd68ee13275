import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceImageView } from '../../../shared/evidence';
import type { ChipRead } from '../../../shared/passport';
import type { IdentityEvidence, VerificationDraft } from '../../../shared/verification';
import { ask, call, onCoreEvent } from '../api/client';
import { beijingTime } from '../shell/time';
import { ChipFaces } from './ChipFaces';

/**
 * The passport's chip in the identity step. While it is open the window expects a passport for this
 * case, so laying the passport on the reader is the only action: the core opens the chip with the MRZ
 * the visit has (else the passport number and birth date with the expiry date typed here), reads and
 * checks it, and announces the read, which this panel attaches to the draft when the chip opened. It shows
 * the verdict, why a chip would not open, and the chip's face beside the data page taken here.
 */
export function ChipPanel({
  noticeNo,
  chip,
  evidence,
  draft,
  passportImage,
  busy,
  onChange,
}: {
  noticeNo: string;
  /** The read the saved draft names, as the core keeps it. */
  chip: ChipRead | null;
  evidence: IdentityEvidence['chip'];
  draft: VerificationDraft;
  passportImage: EvidenceImageView | undefined;
  busy: boolean;
  onChange: (d: VerificationDraft) => void;
}) {
  const { t } = useTranslation();
  const [last, setLast] = useState<ChipRead | null>(null);
  const [keyFrom, setKeyFrom] = useState<ChipRead['key'] | undefined>(undefined);
  const [expiry, setExpiry] = useState('');
  const latest = useRef({ draft, onChange });
  latest.current = { draft, onChange };

  // What opens the chip follows the draft: its MRZ, the passport's number and birth date, the expiry typed.
  const passport = draft.materials.find((m) => m.code === 'passport')?.fields;
  const mrzLine = draft.mrz?.line2 ?? '';
  useEffect(() => {
    let gone = false;
    const expiryDate = /^\d{4}-\d{2}-\d{2}$/.test(expiry) ? expiry : undefined;
    void call('passport.expect', { noticeNo, ...(expiryDate ? { expiryDate } : {}) }).then((r) => !gone && r.ok && setKeyFrom(r.value.key));
    return () => {
      gone = true;
    };
  }, [noticeNo, mrzLine, passport?.passportNo, passport?.birthDate, expiry]);
  // Nothing is expected once the verification closes.
  useEffect(() => () => void ask('passport.expect', {}), []);

  useEffect(
    () =>
      onCoreEvent((e) => {
        if (e.type !== 'passport.read' || e.read.noticeNo !== noticeNo) return;
        setLast(e.read);
        // A chip that opened is evidence for this visit; one that did not is said, not recorded.
        if (e.read.access) latest.current.onChange({ ...latest.current.draft, chipReadId: e.read.readId, chipAbsent: false });
      }),
    [noticeNo],
  );

  const failed = last && !last.access && (!chip || last.readId > chip.readId) ? last : null;
  const verdict = chip?.access ? chip.passiveAuthentication : null;
  return (
    <section aria-labelledby="chip-h" data-testid="chip-panel" data-verdict={verdict ?? evidence?.passiveAuthentication ?? 'none'}>
      <h3 id="chip-h">{t('verify.chip.heading')}</h3>
      {verdict && chip ? (
        <>
          <p className={verdict === 'valid' ? 'ok' : 'bad'} role={verdict === 'valid' ? 'status' : 'alert'} data-testid="chip-verdict" data-verdict={verdict}>
            <strong>{t(`verify.chip.verdict.${verdict}`)}</strong>
          </p>
          <p className="hint" data-testid="chip-read-at">
            {t('verify.chip.readAt', { time: beijingTime(chip.at, t, { seconds: true }), access: chip.access })}
          </p>
          <ChipFaces chip={chip} passportImage={passportImage} />
        </>
      ) : evidence?.passiveAuthentication === 'no-chip' ? (
        <p data-testid="chip-absent-recorded">{t('verify.chip.absentRecorded')}</p>
      ) : (
        !failed && <p className="hint" data-testid="chip-waiting">{t('verify.chip.waiting')}</p>
      )}
      {failed && (
        <p className="bad" role="alert" data-testid="chip-problem" data-problem={failed.problems[0]}>
          {t(`verify.chip.problem.${failed.problems[0]}`, { key: t(`verify.chip.key.${failed.key ?? 'mrz'}`) })}
        </p>
      )}
      {keyFrom === null && !chip?.access && (
        <label data-testid="chip-need-key">
          {t('verify.chip.needKey')}{' '}
          <input type="date" value={expiry} disabled={busy} onChange={(e) => setExpiry(e.target.value)} data-testid="chip-expiry" aria-label={t('verify.chip.expiry')} />
        </label>
      )}
      {!chip?.access && (
        <label className="row">
          <input
            type="checkbox"
            checked={!!draft.chipAbsent}
            disabled={busy}
            onChange={(e) => onChange({ ...draft, chipAbsent: e.target.checked, ...(e.target.checked ? { chipReadId: null } : {}) })}
            data-testid="chip-absent"
          />
          {t('verify.chip.absent')}
        </label>
      )}
    </section>
  );
}
