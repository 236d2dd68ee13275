import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceImageView } from '../../../shared/evidence';
import type { VerificationRecord } from '../../../shared/verification';
import { ask } from '../api/client';
import { beijingTime } from '../shell/time';

/**
 * A supervisor's view of the images kept for a case: each signed-off record's, small, with who took
 * it and when, whether the authority has it, and the full image on request. The bytes come from the
 * core one image at a time, only for a supervisor.
 */
export function CaseImages({ noticeNo, records }: { noticeNo: string; records: VerificationRecord[] }) {
  const { t } = useTranslation();
  const [images, setImages] = useState<EvidenceImageView[]>([]);
  const [open, setOpen] = useState<{ id: string; dataUrl: string | null } | null>(null);
  const recordCount = records.length;
  useEffect(() => {
    void ask('evidence.ofCase', { noticeNo }).then((v) => v !== null && setImages(v.filter((i) => i.verificationId !== null)));
  }, [noticeNo, recordCount]);
  if (images.length === 0) return null;
  return (
    <section aria-labelledby="case-images-h" data-testid="case-images">
      <h3 id="case-images-h">{t('verify.caseImages.heading')}</h3>
      <div className="row">
        {images.map((i) => (
          <figure key={i.id} className="evidence-thumb" data-testid="case-image" data-material={i.material} data-record={i.verificationId}>
            <button type="button" onClick={() => void ask('evidence.image', { id: i.id }).then((v) => v !== null && setOpen({ id: i.id, dataUrl: v.dataUrl }))}>
              <img src={i.thumb} alt={t(`material.${i.material}`, { defaultValue: i.material })} />
            </button>
            <figcaption>
              {t(`material.${i.material}`, { defaultValue: i.material })} · {i.capturedBy} · {beijingTime(i.capturedAt, t)}
              <br />
              {i.purgedAt ? t('verify.caseImages.purged') : i.ackedAt ? t('verify.caseImages.acked') : t('verify.caseImages.notSent')}
              <br />
              <small title={i.sha256}>SHA-256 {i.sha256.slice(0, 12)}…</small>
            </figcaption>
          </figure>
        ))}
      </div>
      {open && (
        <div role="dialog" aria-modal="true" aria-label={t('verify.caseImages.full')} className="card" data-testid="case-image-full">
          {open.dataUrl ? <img src={open.dataUrl} alt={t('verify.caseImages.full')} style={{ maxWidth: '100%' }} /> : <p>{t('verify.caseImages.purged')}</p>}
          <button type="button" onClick={() => setOpen(null)} autoFocus>
            {t('common.close')}
          </button>
        </div>
      )}
    </section>
  );
}
