import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecodeOptions } from '../../../lib/qr-decode/decoder';
import { createQrWorker, type QrWorker } from './decoder';

const CAMERA_KEY = 'acw.camera';
/** Two reads of the same text count as one stable read when they come within this time. */
const CONFIRM_WITHIN_MS = 3000;
let quickWorker: QrWorker | null = null;

type CameraState = 'off' | 'starting' | 'scanning' | 'unplugged' | 'denied' | 'none';

/**
 * Continuous camera scanning of frames at 1280×720 or more (see scanLoop); a stable read stops the
 * camera. A camera that is unplugged is picked up again when it comes back.
 */
export function CameraScanner({ onText, onStart }: { onText: (text: string) => void; onStart?: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>('off');
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>(() => localStorage.getItem(CAMERA_KEY) ?? '');
  const wanted = useRef(false);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;
  const onStartRef = useRef(onStart);
  onStartRef.current = onStart;

  const workers = useRef<QrWorker[]>([]);
  const currentScan = useRef<object | null>(null);
  const endWorkers = useCallback(() => {
    workers.current.filter((w) => w !== quickWorker).forEach((w) => w.terminate());
    workers.current = [];
  }, []);

  const stop = useCallback(() => {
    endWorkers();
    stream.current?.getTracks().forEach((tr) => tr.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, [endWorkers]);

  const listCameras = useCallback(async () => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const found = devices.filter((d) => d.kind === 'videoinput');
    setCameras(found);
    return found;
  }, []);

  /**
   * Two decoders side by side. The quick one reads each new frame, newest first, with the passes that
   * take tens of milliseconds, so a code that comes into view is read within a frame or two; the full
   * one (enlarging, sharpening, deblurring: up to a second or two) takes the newest frame each time it
   * is free, for codes only those passes read. Neither ever works on a frame older than the one it
   * last took, and a code never waits behind the heavy passes on an empty desk. A text read in two
   * different frames within a few seconds, by either, is a stable read, which stops the camera.
   */
  const scanLoop = useCallback(async () => {
    endWorkers();
    // The quick decoder stays warm between scans (its work is short); the full one is ended with the
    // scan, heavy pass and all, and made anew for the next.
    quickWorker ??= createQrWorker();
    const quick = quickWorker;
    const full = createQrWorker();
    workers.current = [quick, full];
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    let frame = 0;
    let last: { text: string; frame: number; at: number } | null = null;
    // This scan's own loops only: a scan started again (a re-plugged camera) ends the ones before it.
    const scan = {};
    currentScan.current = scan;
    const running = () => wanted.current && !!stream.current && !!video.current && currentScan.current === scan;
    /** Resolves on the next frame the camera delivers (its number), or after a short wait where frames cannot be watched. */
    const nextFrame = () =>
      new Promise<number>((resolve) => {
        const v = video.current;
        let settled = false;
        const next = () => {
          if (settled) return;
          settled = true;
          resolve(++frame);
        };
        if (v && 'requestVideoFrameCallback' in v) v.requestVideoFrameCallback(next);
        // A video not shown on screen may deliver no callback: never wait longer than a slow camera's frame.
        setTimeout(next, v && 'requestVideoFrameCallback' in v ? 250 : 50);
      });
    const grab = (): ImageData | null => {
      const v = video.current;
      if (!v || v.readyState < 2 || !v.videoWidth) return null;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      ctx.drawImage(v, 0, 0);
      return ctx.getImageData(0, 0, canvas.width, canvas.height);
    };
    const report = (text: string | null, at: number) => {
      if (text === null || !running()) return;
      if (last && last.text === text && last.frame !== at && performance.now() - last.at < CONFIRM_WITHIN_MS) {
        wanted.current = false;
        stop();
        setState('off');
        onTextRef.current(text);
        return;
      }
      if (!last || last.text !== text || last.frame !== at) last = { text, frame: at, at: performance.now() };
    };
    const loop = async (worker: QrWorker, options: DecodeOptions) => {
      let taken = -1;
      while (running()) {
        if (frame === taken) await nextFrame();
        if (!running()) return;
        const image = grab();
        if (!image) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        taken = frame;
        report((await worker.decode(image, options)).text, taken);
      }
    };
    await Promise.all([loop(quick, { passes: 'quick' }), loop(full, { passes: 'all' })]);
  }, [stop, endWorkers]);

  const start = useCallback(async () => {
    onStartRef.current?.();
    wanted.current = true;
    setState('starting');
    try {
      const s = await navigator.mediaDevices.getUserMedia({
        video: { deviceId: cameraId ? { exact: cameraId } : undefined, width: { ideal: 1280, min: 640 }, height: { ideal: 720, min: 480 } },
        audio: false,
      });
      if (!wanted.current) return s.getTracks().forEach((tr) => tr.stop());
      stream.current = s;
      s.getVideoTracks()[0]?.addEventListener('ended', () => {
        if (wanted.current) setState('unplugged');
      });
      video.current!.srcObject = s;
      await video.current!.play().catch(() => undefined);
      setState('scanning');
      void listCameras();
      void scanLoop();
    } catch (err) {
      const name = (err as DOMException)?.name;
      setState(name === 'NotAllowedError' ? 'denied' : name === 'OverconstrainedError' || name === 'NotFoundError' ? 'none' : 'unplugged');
    }
  }, [cameraId, listCameras, scanLoop]);

  useEffect(() => {
    void listCameras();
    // A camera plugged back in: start again if the officer was scanning.
    const onChange = () => {
      void listCameras().then((found) => {
        if (wanted.current && !stream.current?.active && found.length) void start();
      });
    };
    navigator.mediaDevices.addEventListener('devicechange', onChange);
    return () => {
      navigator.mediaDevices.removeEventListener('devicechange', onChange);
      wanted.current = false;
      stop();
    };
  }, [listCameras, start, stop]);

  return (
    <section className="camera" aria-labelledby="camera-h">
      <h2 id="camera-h">{t('scan.camera')}</h2>
      <div className="row">
        <label>
          {t('scan.cameraPick')}
          <select
            value={cameraId}
            onChange={(e) => {
              setCameraId(e.target.value);
              localStorage.setItem(CAMERA_KEY, e.target.value);
            }}
            data-testid="camera-pick"
          >
            <option value="">{t('scan.cameraDefault')}</option>
            {cameras.map((c, i) => (
              <option key={c.deviceId || i} value={c.deviceId}>
                {c.label || `${t('scan.camera')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        {state === 'scanning' || state === 'starting' ? (
          <button onClick={() => { wanted.current = false; stop(); setState('off'); }} data-testid="camera-stop">{t('scan.cameraStop')}</button>
        ) : (
          <button className="primary" onClick={() => void start()} data-testid="camera-start">{t('scan.cameraStart')}</button>
        )}
        <span role="status" data-testid="camera-state">{t(`scan.cameraState.${state}`)}</span>
      </div>
      <video ref={video} className={state === 'scanning' ? 'preview' : 'preview hidden'} muted playsInline />
    </section>
  );
}
