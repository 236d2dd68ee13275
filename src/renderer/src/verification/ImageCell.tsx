import { useTranslation } from 'react-i18next';
import type { CaptureMode, EvidenceImageView } from '../../../shared/evidence';

/**
 * A material's image of its original: taken (Alt+C on the line, or this button), shown small beside
 * the line, retaken or dropped; for a passport or a visa, what its machine-readable zone said.
 */
export function ImageCell(p: {
  code: string;
  mode: CaptureMode;
  image: EvidenceImageView | null;
  capturing: boolean;
  disabled: boolean;
  onCapture: () => void;
  onDrop: (id: string) => void;
  /** An image file of the original instead (a scan, a photo taken elsewhere). */
  onFile: (file: File) => void;
}) {
  const { t } = useTranslation();
  if (p.mode === 'off') return <td data-testid={`image-${p.code}`} data-mode="off" />;
  return (
    <td data-testid={`image-${p.code}`} data-mode={p.mode} data-taken={!!p.image} aria-busy={p.capturing}>
      {p.image && (
        <figure className="evidence-thumb">
          <img src={p.image.thumb} alt={t('verify.capture.thumbAlt', { material: t(`material.${p.code}`, { defaultValue: p.code }) })} data-testid={`thumb-${p.code}`} />
          <figcaption>
            {(p.image.bytes / 1024).toFixed(0)} KB{p.image.cropped ? '' : ` · ${t('verify.capture.notCropped')}`}
            {p.image.mrz && (
              <span className={p.image.mrz.ok ? 'ok' : 'bad'} data-testid={`mrz-read-${p.code}`} data-ok={p.image.mrz.ok}>
                {' · '}
                {p.image.mrz.ok ? t('verify.capture.mrzRead', { format: p.image.mrz.format }) : t('verify.capture.mrzNotRead')}
              </span>
            )}
          </figcaption>
        </figure>
      )}
      {!p.image && p.mode === 'required' && <small className="warn-line">{t('verify.capture.required')}</small>}
      <div className="row">
        <button type="button" data-testid={`capture-${p.code}`} disabled={p.disabled || p.capturing} onClick={p.onCapture} title="Alt+C">
          {p.capturing ? t('verify.capture.taking') : p.image ? t('verify.capture.retake') : t('verify.capture.take')}
        </button>
        <label className="file-button">
          {t('verify.capture.fromFile')}
          <input
            type="file"
            accept="image/jpeg,image/png"
            data-testid={`capture-file-${p.code}`}
            disabled={p.disabled || p.capturing}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) p.onFile(f);
            }}
          />
        </label>
        {p.image && (
          <button type="button" data-testid={`drop-${p.code}`} disabled={p.disabled || p.capturing} onClick={() => p.onDrop(p.image!.id)}>
            {t('verify.capture.drop')}
          </button>
        )}
      </div>
    </td>
  );
}
