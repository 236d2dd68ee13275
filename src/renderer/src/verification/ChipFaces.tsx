import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceImageView } from '../../../shared/evidence';
import type { ChipRead } from '../../../shared/passport';
import { call } from '../api/client';

/**
 * The chip's face image beside the passport's data page as the document camera took it here, for the
 * clerk to compare with each other and with the holder (the app never judges faces). The case's data
 * from the authority carries no photo; the data page taken at the window is the photo this visit has.
 */
export function ChipFaces({ chip, passportImage }: { chip: ChipRead; passportImage: EvidenceImageView | undefined }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<string | null>(null);
  const pageId = passportImage?.id ?? null;
  useEffect(() => {
    setPage(null);
    if (!pageId) return;
    let gone = false;
    void call('evidence.image', { id: pageId }).then((r) => !gone && r.ok && setPage(r.value.dataUrl));
    return () => {
      gone = true;
    };
  }, [pageId]);
  const photo = chip.photo;
  return (
    <div className="chip-faces">
      <figure data-testid="chip-photo">
        {chip.faceJpeg ? (
          <img src={`data:image/jpeg;base64,${chip.faceJpeg}`} alt={t('verify.chip.photoChip')} data-mime={photo?.mime} />
        ) : photo ? (
          <p className="hint">{t('verify.chip.jp2', { bytes: photo.bytes })}</p>
        ) : null}
        <figcaption>{t('verify.chip.photoChip')}</figcaption>
      </figure>
      <figure data-testid="page-photo">
        {page || passportImage ? <img src={page ?? passportImage!.thumb} alt={t('verify.chip.photoPage')} /> : <p className="hint">{t('verify.chip.photoNoPage')}</p>}
        <figcaption>{t('verify.chip.photoPage')}</figcaption>
      </figure>
      <p className="hint">{t('verify.chip.compare')}</p>
    </div>
  );
}
