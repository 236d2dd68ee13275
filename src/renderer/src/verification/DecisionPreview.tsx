import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The archived decision shown inside the app (pop-up windows are closed to the app in Electron, and a
 * browser's PDF viewer is not the app's): its first page drawn by pdf.js, and the exact PDF to save.
 */
export function DecisionPreview({ number, base64, onClose }: { number: string; base64: string; onClose: () => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  // Decoded once per decision: the bytes do not change while the preview is open.
  const bytes = useMemo(() => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), [base64]);
  const [url] = useState(() => URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  useEffect(() => {
    // Loaded only when a decision is shown: pdf.js is large.
    void import('../scan/pdf-pages').then(({ renderPdfPage }) => renderPdfPage(bytes, canvas.current!)).catch(() => setFailed(true));
  }, [bytes]);
  // Esc closes the preview, as any dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="preview" role="dialog" aria-modal="true" aria-label={number} data-testid="decision-preview">
      <p className="row">
        <strong>{number}</strong>
        <a href={url} download={`${number}.pdf`} data-testid="save-decision">{t('decision.save')}</a>
        <button type="button" onClick={onClose} autoFocus>{t('common.close')}</button>
      </p>
      {failed ? <p className="bad">{t('decision.previewFailed')}</p> : <canvas ref={canvas} data-testid="decision-canvas" />}
    </div>
  );
}
