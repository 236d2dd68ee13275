import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { PHOTO_BASE64_MAX, type ChecklistItem, type MaterialProblem, type PhotoCheckResult, type VerificationDraft } from '../../../shared/verification';
import { call } from '../api/client';
import { ChecklistTable } from './ChecklistTable';

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The materials step: the originals against the checklist, who attended, and the photo's check. */
export function MaterialsStep({
  sectionRef,
  noticeNo,
  checklist,
  problems,
  storedPhoto,
  draft,
  busy,
  onChange,
  onAllAsFiled,
  onError,
}: {
  sectionRef: (el: HTMLElement | null) => void;
  noticeNo: string;
  checklist: ChecklistItem[];
  problems: MaterialProblem[];
  /** The photo check the stored draft names, as the core made it. */
  storedPhoto: PhotoCheckResult | null;
  draft: VerificationDraft;
  busy: boolean;
  onChange: (d: VerificationDraft) => void;
  onAllAsFiled: () => void;
  onError: (e: ApiError) => void;
}) {
  const { t } = useTranslation();
  // The core's answer to the last photo sent; on opening, the check the stored draft names.
  const [checkedPhoto, setPhoto] = useState<PhotoCheckResult | null>(null);
  const [photoTooBig, setPhotoTooBig] = useState<string | null>(null);
  const photo = [checkedPhoto, storedPhoto].find((p) => p !== null && p.id === draft.photoCheckId) ?? null;

  async function checkPhoto(file: File | undefined) {
    if (!file) return;
    setPhotoTooBig(null);
    // A file far too large to send is said to be so here; the core checks every file it is sent.
    if (Math.ceil(file.size / 3) * 4 > PHOTO_BASE64_MAX) return setPhotoTooBig((file.size / 1024 / 1024).toFixed(1));
    const r = await call('verification.checkPhoto', { noticeNo, base64: await fileBase64(file) });
    if (!r.ok) return onError(r.error);
    setPhoto(r.value);
    onChange({ ...draft, photoCheckId: r.value.id });
  }

  return (
    <section ref={sectionRef} tabIndex={-1} data-step="materials" aria-labelledby="materials-step-h">
      <h3 id="materials-step-h">{t('verify.steps.materials')}</h3>
      <div className="row">
        <button type="button" className="primary" onClick={onAllAsFiled} disabled={busy} data-testid="all-as-filed" title="Alt+A">
          {t('verify.allAsFiled')}
        </button>
        <label className="row">
          {t('verify.attendedBy')}
          <select value={draft.attendedBy} onChange={(e) => onChange({ ...draft, attendedBy: e.target.value as VerificationDraft['attendedBy'] })}>
            {(['applicant', 'employer-manager', 'agent'] as const).map((a) => (
              <option key={a} value={a}>{t(`verify.attended.${a}`)}</option>
            ))}
          </select>
        </label>
      </div>
      <ChecklistTable items={checklist} entries={draft.materials} problems={problems} disabled={busy} onChange={(materials) => onChange({ ...draft, materials })} />
      <label>
        {t('verify.photoFile')}
        <input type="file" accept="image/jpeg" data-testid="photo-file" onChange={(e) => void checkPhoto(e.target.files?.[0])} />
      </label>
      {photoTooBig !== null && (
        <p className="bad" role="alert" data-testid="photo-too-big">{t('verify.photoTooBig', { mb: photoTooBig })}</p>
      )}
      {photoTooBig === null && photo && (
        <p className={photo.ok ? 'ok' : 'bad'} data-testid="photo-result" data-ok={photo.ok}>
          {photo.ok ? t('verify.photoOk') : `${t('verify.photoBad')}: ${photo.problems.map((p) => t(`verify.photoProblem.${p}`, { defaultValue: p })).join(' · ')}`}
        </p>
      )}
    </section>
  );
}
