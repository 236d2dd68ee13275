/**
 * The renderer's only door to the core: one named function, `window.acw.call`, over one IPC
 * channel. `ipcRenderer` itself is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';

const API_CHANNEL = 'acw:call';

contextBridge.exposeInMainWorld('acw', {
  host: 'electron',
  call: (method: string, params: unknown) => ipcRenderer.invoke(API_CHANNEL, method, params),
});
