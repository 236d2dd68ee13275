import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { EVIDENCE_BASE64_MAX, type CaptureMode, type EvidenceImageView } from '../../../shared/evidence';
import { PHOTO_BASE64_MAX, type ChecklistItem, type MaterialProblem, type PhotoCheckResult, type VerificationDraft, type VerificationView } from '../../../shared/verification';
import { call } from '../api/client';
import { useDocumentCamera } from '../capture/useDocumentCamera';
import { ErrorMessage } from '../shell/ErrorMessage';
import { ChecklistTable } from './ChecklistTable';
import { blobBase64 } from '../shell/base64';

/** The images of originals: the office's choices and the core's answers the step needs. */
export interface CaptureSetup {
  images: EvidenceImageView[];
  modes: Record<string, CaptureMode>;
  camera: VerificationView['documentCamera'];
  /** Called before a capture, so an edit waiting for its autosave reaches the core first. */
  beforeCapture: () => Promise<void>;
  /** The core's view after a capture or a drop (its draft may hold what a page's MRZ said). */
  onView: (v: VerificationView) => void;
}

/**
 * The materials step: the originals against the checklist, who attended, the photo's check, and the
 * images of the originals taken by the document camera (Alt+C takes the line in focus, or the next line
 * without an image).
 */
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
  capture,
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
  capture: CaptureSetup;
}) {
  const { t } = useTranslation();
  const [capturing, setCapturing] = useState<string | null>(null);
  const [captureError, setCaptureError] = useState<ApiError | null>(null);
  const anyCapture = checklist.some((i) => (capture.modes[i.code] ?? 'optional') !== 'off');
  const camera = useDocumentCamera({ enabled: capture.camera.kind === 'uvc' && anyCapture, name: capture.camera.name });

  const take = useCallback(
    async (code: string, file?: File) => {
      setCaptureError(null);
      setCapturing(code);
      try {
        await capture.beforeCapture();
        let frame: { base64: string; device?: string } | null = null;
        if (file) {
          if (Math.ceil(file.size / 3) * 4 > EVIDENCE_BASE64_MAX) return setCaptureError({ code: 'too-large', message: file.name });
          frame = { base64: await blobBase64(file), device: file.name.slice(0, 120) };
        } else if (capture.camera.kind === 'uvc') {
          frame = await camera.grab();
          if (!frame) return setCaptureError({ code: 'no-document-camera', message: camera.state });
        } else if (capture.camera.kind === 'none') return setCaptureError({ code: 'no-document-camera', message: 'none' });
        const r = await call('verification.capture', { noticeNo, material: code, ...(frame ?? {}) });
        if (!r.ok) return setCaptureError(r.error);
        capture.onView(r.value);
      } finally {
        setCapturing(null);
      }
    },
    [capture, camera, noticeNo],
  );

  async function drop(id: string) {
    setCaptureError(null);
    const r = await call('verification.dropImage', { noticeNo, id });
    if (!r.ok) return setCaptureError(r.error);
    capture.onView(r.value);
  }

  // Alt+C: the line in focus, else the next line the office takes an image of that has none yet.
  const takeRef = useRef(take);
  takeRef.current = take;
  const stateRef = useRef({ checklist, capture, capturing });
  stateRef.current = { checklist, capture, capturing };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.key.toLowerCase() !== 'c') return;
      const { checklist: items, capture: c, capturing: busyWith } = stateRef.current;
      if (busyWith) return;
      const focused = (document.activeElement as HTMLElement | null)?.closest('tr[data-material]')?.getAttribute('data-material');
      const takes = (code: string) => (c.modes[code] ?? 'optional') !== 'off';
      const code = focused && takes(focused) ? focused : items.find((i) => takes(i.code) && !c.images.some((x) => x.material === i.code))?.code;
      if (!code) return;
      e.preventDefault();
      void takeRef.current(code);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // The core's answer to the last photo sent; on opening, the check the stored draft names.
  const [checkedPhoto, setPhoto] = useState<PhotoCheckResult | null>(null);
  const [photoTooBig, setPhotoTooBig] = useState<string | null>(null);
  const photo = [checkedPhoto, storedPhoto].find((p) => p !== null && p.id === draft.photoCheckId) ?? null;

  async function checkPhoto(file: File | undefined) {
    if (!file) return;
    setPhotoTooBig(null);
    // A file far too large to send is said to be so here; the core checks every file it is sent.
    if (Math.ceil(file.size / 3) * 4 > PHOTO_BASE64_MAX) return setPhotoTooBig((file.size / 1024 / 1024).toFixed(1));
    const r = await call('verification.checkPhoto', { noticeNo, base64: await blobBase64(file) });
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
      {anyCapture && (
        <div className="document-camera row" data-testid="document-camera" data-kind={capture.camera.kind} data-state={capture.camera.kind === 'uvc' ? camera.state : capture.camera.kind}>
          {capture.camera.kind === 'uvc' && <video ref={camera.video} muted playsInline className="document-camera-preview" data-testid="document-camera-preview" aria-label={t('verify.capture.preview')} />}
          <p className="hint">
            {capture.camera.kind === 'uvc'
              ? t(`verify.capture.state.${camera.state}`, { name: camera.label || capture.camera.name })
              : t(`verify.capture.kind.${capture.camera.kind}`)}
            {' · '}
            {t('verify.capture.keyHint')}
          </p>
          <ErrorMessage error={captureError} testId="capture-error" />
        </div>
      )}
      <ChecklistTable
        items={checklist}
        entries={draft.materials}
        problems={problems}
        disabled={busy}
        onChange={(materials) => onChange({ ...draft, materials })}
        capture={anyCapture ? { images: capture.images, modes: capture.modes, capturing, onCapture: (code) => void take(code), onDrop: (id) => void drop(id), onFile: (code, f) => void take(code, f) } : undefined}
      />
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
