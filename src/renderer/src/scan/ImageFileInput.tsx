import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeQr } from './decoder';

/**
 * A scanned notice as an image file, opened or dropped anywhere on the screen. `onText` gets the QR
 * text; a file without a readable code says so.
 */
export function ImageFileInput({
  onText,
  onStart,
  onUnreadable,
}: {
  onText: (text: string) => void;
  /** A file was taken and is being read. */
  onStart?: () => void;
  /** No code in the file: the screen says so itself (the words' key); without it, this says so beside the button. */
  onUnreadable?: (key: 'scan.notAnImage' | 'scan.noCodeInImage' | 'scan.noCodeInPdf') => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unreadable = (key: 'scan.notAnImage' | 'scan.noCodeInImage' | 'scan.noCodeInPdf') => (onUnreadable ? onUnreadable(key) : setMessage(t(key)));

  async function read(file: File) {
    setMessage(null);
    onStart?.();
    const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
    if (!isPdf && !file.type.startsWith('image/')) return unreadable('scan.notAnImage');
    setBusy(true);
    let text: string | null = null;
    try {
      if (isPdf) {
        // pdf.js is loaded only when a PDF comes, so the police screen starts without it.
        const { pdfPagesAsImages } = await import('./pdf-pages');
        for await (const page of pdfPagesAsImages(await file.arrayBuffer())) {
          text = (await decodeQr(page)).text;
          if (text !== null) break;
        }
      } else {
        text = (await decodeQr(file)).text;
      }
    } catch {
      text = null;
    } finally {
      setBusy(false);
    }
    if (text === null) unreadable(isPdf ? 'scan.noCodeInPdf' : 'scan.noCodeInImage');
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
        accept="image/*,application/pdf,.pdf"
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
