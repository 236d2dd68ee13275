import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeQr } from './decoder';

/**
 * A scanned notice as an image file, opened or dropped anywhere on the screen. `onText` gets the QR
 * text; a file without a readable code says so.
 */
export function ImageFileInput({ onText }: { onText: (text: string) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function read(file: File) {
    setMessage(null);
    if (!file.type.startsWith('image/')) {
      setMessage(t('scan.notAnImage'));
      return;
    }
    setBusy(true);
    const { text } = await decodeQr(file);
    setBusy(false);
    if (text === null) setMessage(t('scan.noCodeInImage'));
    else onText(text);
  }

  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void read(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  });

  return (
    <div className="row image-input">
      <button onClick={() => input.current?.click()} data-testid="open-image">
        {t('scan.openImage')}
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*"
        hidden
        data-testid="image-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
      <span className="hint">{busy ? t('scan.reading') : t('scan.dropHint')}</span>
      {message && <p className="error" role="alert" data-testid="image-message">{message}</p>}
    </div>
  );
}
