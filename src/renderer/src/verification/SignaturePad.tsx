import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureStrokes } from '../../../shared/verification';

const WIDTH = 480;
const HEIGHT = 160;
/** Points closer than this (in pad pixels) to the last one add nothing but bytes. */
const MIN_STEP = 1.5;

/**
 * The recipient signs here with a finger, a pen or the mouse (a signature pad that acts as a pointer
 * works the same): pointer strokes in the pad's own coordinates, sent to the core and drawn into the
 * archived proof of service.
 */
export function SignaturePad({ onChange }: { onChange: (s: SignatureStrokes | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<[number, number][][]>([]);
  const drawing = useRef<[number, number][] | null>(null);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#000033';
    for (const s of [...strokes, ...(drawing.current ? [drawing.current] : [])]) {
      ctx.beginPath();
      s.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      if (s.length === 1) ctx.lineTo(s[0][0] + 0.5, s[0][1] + 0.5);
      ctx.stroke();
    }
  });

  const point = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * WIDTH;
    const y = ((e.clientY - r.top) / r.height) * HEIGHT;
    return [Math.round(Math.min(WIDTH, Math.max(0, x)) * 10) / 10, Math.round(Math.min(HEIGHT, Math.max(0, y)) * 10) / 10];
  };
  function down(e: PointerEvent<HTMLCanvasElement>) {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = [point(e)];
    setStrokes((s) => [...s]);
  }
  function move(e: PointerEvent<HTMLCanvasElement>) {
    const d = drawing.current;
    if (!d) return;
    const p = point(e);
    const last = d[d.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP) return;
    d.push(p);
    setStrokes((s) => [...s]);
  }
  function up() {
    const d = drawing.current;
    drawing.current = null;
    if (!d) return;
    const next = [...strokes, d];
    setStrokes(next);
    onChange({ width: WIDTH, height: HEIGHT, strokes: next });
  }
  function clear() {
    setStrokes([]);
    onChange(null);
  }

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        data-testid="signature-pad"
        data-strokes={strokes.length}
        aria-label={t('service.signHere')}
        style={{ touchAction: 'none', border: '1px solid #888', maxWidth: '100%' }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <button type="button" onClick={clear} data-testid="signature-clear">{t('service.clear')}</button>
    </div>
  );
}
