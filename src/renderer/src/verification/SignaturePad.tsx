import { useRef, useState, type PointerEvent } from 'react';
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
  // The strokes drawn so far; the canvas shows them as they are drawn, segment by segment.
  const strokes = useRef<[number, number][][]>([]);
  const drawing = useRef<[number, number][] | null>(null);
  const [count, setCount] = useState(0);

  const pen = () => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#000033';
    return ctx;
  };
  const point = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * WIDTH;
    const y = ((e.clientY - r.top) / r.height) * HEIGHT;
    return [Math.round(Math.min(WIDTH, Math.max(0, x)) * 10) / 10, Math.round(Math.min(HEIGHT, Math.max(0, y)) * 10) / 10];
  };
  const segment = (from: [number, number], to: [number, number]) => {
    const ctx = pen();
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(to[0], to[1]);
    ctx.stroke();
  };
  function down(e: PointerEvent<HTMLCanvasElement>) {
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = point(e);
    drawing.current = [p];
    // A dot where the stroke starts, so a tap shows too.
    segment(p, [p[0] + 0.5, p[1] + 0.5]);
  }
  function move(e: PointerEvent<HTMLCanvasElement>) {
    const d = drawing.current;
    if (!d) return;
    const p = point(e);
    const last = d[d.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP) return;
    d.push(p);
    segment(last, p);
  }
  function up() {
    const d = drawing.current;
    drawing.current = null;
    if (!d) return;
    strokes.current = [...strokes.current, d];
    setCount(strokes.current.length);
    onChange({ width: WIDTH, height: HEIGHT, strokes: strokes.current });
  }
  function clear() {
    strokes.current = [];
    pen().clearRect(0, 0, WIDTH, HEIGHT);
    setCount(0);
    onChange(null);
  }

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        data-testid="signature-pad"
        data-strokes={count}
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
