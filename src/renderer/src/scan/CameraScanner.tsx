import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeQr } from './decoder';

const CAMERA_KEY = 'acw.camera';

type CameraState = 'off' | 'starting' | 'scanning' | 'unplugged' | 'denied' | 'none';

/**
 * Continuous camera scanning: frames at 1280×720 or more go to the decoding worker one at a time;
 * the same text read twice in a row is a stable read, which stops the camera. A camera that is
 * unplugged is picked up again when it comes back.
 */
export function CameraScanner({ onText }: { onText: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>('off');
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>(() => localStorage.getItem(CAMERA_KEY) ?? '');
  const wanted = useRef(false);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((tr) => tr.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);

  const listCameras = useCallback(async () => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const found = devices.filter((d) => d.kind === 'videoinput');
    setCameras(found);
    return found;
  }, []);

  const scanLoop = useCallback(async () => {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    let previous: string | null = null;
    let frame = 0;
    while (wanted.current && stream.current && video.current) {
      const v = video.current;
      if (v.readyState < 2 || !v.videoWidth) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      ctx.drawImage(v, 0, 0);
      // Every fourth frame, and a frame that would confirm a read, get the decoder's slow last pass.
      const deblur = frame++ % 4 === 0 || previous !== null;
      const { text } = await decodeQr(ctx.getImageData(0, 0, canvas.width, canvas.height), { deblur });
      if (text !== null && text === previous) {
        wanted.current = false;
        stop();
        setState('off');
        onTextRef.current(text);
        return;
      }
      previous = text;
    }
  }, [stop]);

  const start = useCallback(async () => {
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
