import { useCallback, useEffect, useRef, useState } from 'react';
import { EVIDENCE_BASE64_MAX } from '../../../shared/evidence';
import { blobBase64 } from '../shell/base64';

/**
 * The document camera (高拍仪) as the screen sees it when it is a UVC camera: opened through Chromium's
 * media at the largest resolution it offers, chosen by the name Settings give (or the first camera), kept
 * open while the materials step is on screen so that a capture takes the frame at once, and opened again
 * when it is plugged back in. `grab()` gives the current frame as a JPEG in base64, at its full size.
 */
export type DocumentCameraState = 'off' | 'starting' | 'live' | 'none' | 'denied' | 'unplugged';

/** Larger than any document camera's sensor (24 MP): the camera gives its largest. */
const IDEAL = { width: { ideal: 4096 }, height: { ideal: 3072 } };

export function useDocumentCamera(opts: { enabled: boolean; name: string }) {
  const video = useRef<HTMLVideoElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const wanted = useRef(false);
  const [state, setState] = useState<DocumentCameraState>('off');
  const [label, setLabel] = useState('');

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);

  const start = useCallback(async () => {
    wanted.current = true;
    setState('starting');
    try {
      const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
      const wantedName = opts.name.trim().toLowerCase();
      // Labels are known once the page may use a camera; before that, the first camera is asked for.
      const chosen = wantedName ? cameras.find((c) => c.label.toLowerCase().includes(wantedName)) : cameras[0];
      if (wantedName && cameras.some((c) => c.label) && !chosen) return setState('none');
      const s = await navigator.mediaDevices.getUserMedia({ video: { deviceId: chosen?.deviceId ? { exact: chosen.deviceId } : undefined, ...IDEAL }, audio: false });
      if (!wanted.current) return s.getTracks().forEach((t) => t.stop());
      stop();
      stream.current = s;
      const track = s.getVideoTracks()[0];
      setLabel(track?.label ?? '');
      track?.addEventListener('ended', () => {
        if (wanted.current) setState('unplugged');
      });
      if (video.current) {
        video.current.srcObject = s;
        await video.current.play().catch(() => undefined);
      }
      setState('live');
    } catch (err) {
      const name = (err as DOMException)?.name;
      setState(name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'none' : 'unplugged');
    }
  }, [opts.name, stop]);

  useEffect(() => {
    if (!opts.enabled) return;
    void start();
    // Plugged back in (or another camera came): open it again if it was wanted.
    const onChange = () => {
      if (wanted.current && !stream.current?.active) void start();
    };
    navigator.mediaDevices.addEventListener('devicechange', onChange);
    return () => {
      navigator.mediaDevices.removeEventListener('devicechange', onChange);
      wanted.current = false;
      stop();
      setState('off');
    };
  }, [opts.enabled, start, stop]);

  /** The frame in view now, as a JPEG within what one call may carry; null when the camera is not live. */
  const grab = useCallback(async (): Promise<{ base64: string; device: string } | null> => {
    const v = video.current;
    if (!v || !stream.current?.active || v.videoWidth === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    for (const quality of [0.92, 0.85, 0.75, 0.6]) {
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', quality));
      if (!blob) return null;
      if (Math.ceil(blob.size / 3) * 4 <= EVIDENCE_BASE64_MAX) return { base64: await blobBase64(blob), device: label || 'camera' };
    }
    return null;
  }, [label]);

  return { video, state, label, grab };
}
