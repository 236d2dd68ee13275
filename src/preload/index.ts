/**
 * The renderer's only door to the core: one named function, `window.acw.call`, over one IPC
 * channel. `ipcRenderer` itself is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';

const API_CHANNEL = 'acw:call';
const EVENT_CHANNEL = 'acw:event';

contextBridge.exposeInMainWorld('acw', {
  host: 'electron',
  call: (method: string, params: unknown) => ipcRenderer.invoke(API_CHANNEL, method, params),
  /** Events the core pushes (scanner scans); only the event itself reaches the page, never the IPC event. */
  onEvent: (listener: (event: unknown) => void) => {
    const forward = (_e: unknown, event: unknown) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
});
