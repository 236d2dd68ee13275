import { existsSync } from 'node:fs';

/**
 * Calls `onGone` once when a serial device's path disappears: a USB-serial adapter unplugged takes its
 * /dev node with it, and a socat pseudo-terminal its link. serialport's own close event does not
 * always come for a pseudo-terminal whose far end went away (measured: one time in three here), so
 * the path is looked at every `everyMs` as well. Windows names (COM3) are not paths: not watched.
 */
export function watchPortGone(path: string, onGone: () => void, everyMs = 500): () => void {
  if (!path.startsWith('/')) return () => undefined;
  const timer = setInterval(() => {
    if (existsSync(path)) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
