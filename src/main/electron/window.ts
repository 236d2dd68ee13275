import { BrowserWindow, screen, session } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../web/security';

/** Permissions a counter PC needs, for the app's own page only: the camera, serial and HID scanners. */
const GRANTED = new Set(['media', 'serial', 'hid']);

function isAppPage(url: string, rendererIndex: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && decodeURIComponent(u.pathname).endsWith(rendererIndex.replace(/\\/g, '/'));
  } catch {
    return false;
  }
}

export function lockDownSession(rendererIndex: string): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((wc, permission, callback, details) => {
    const video = permission !== 'media' || !('mediaTypes' in details) || (details.mediaTypes ?? []).every((t) => t === 'video');
    callback(GRANTED.has(permission) && video && isAppPage(wc.getURL(), rendererIndex));
  });
  s.setPermissionCheckHandler((wc, permission) => GRANTED.has(permission) && !!wc && isAppPage(wc.getURL(), rendererIndex));
  s.setDevicePermissionHandler((details) => (details.deviceType === 'hid' || details.deviceType === 'serial') && details.origin === 'file://');
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/**
 * The applicant's screen on the second display, when there is one (and when one is plugged in later):
 * the same sandboxed page as the main window, opened at `#display`, full screen on that display. It is
 * paired as any display is, with the code from the clerk's screen, typed once on it.
 */
export function openApplicantScreen(opts: { rendererIndex: string; preload: string }): void {
  let win: BrowserWindow | null = null;
  const open = () => {
    const primary = screen.getPrimaryDisplay();
    const other = screen.getAllDisplays().find((d) => d.id !== primary.id);
    if (!other || (win && !win.isDestroyed())) return;
    win = secureWindow({ ...opts, kiosk: false, bounds: other.bounds });
    win.setFullScreen(true);
    void win.loadFile(opts.rendererIndex, { hash: 'display' });
  };
  open();
  screen.on('display-added', open);
}

/** The one window: sandboxed, isolated, no Node, no navigation away, no pop-ups; kiosk on request. */
export function createMainWindow(opts: { rendererIndex: string; preload: string; kiosk: boolean }): BrowserWindow {
  const win = secureWindow(opts);
  void win.loadFile(opts.rendererIndex);
  return win;
}

function secureWindow(opts: { rendererIndex: string; preload: string; kiosk: boolean; bounds?: Electron.Rectangle }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    ...opts.bounds,
    kiosk: opts.kiosk,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click must not open links in new windows (Electronegativity's AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, opts.rendererIndex)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win;
}

export function rendererPaths(outDir: string): { rendererIndex: string; preload: string } {
  return { rendererIndex: join(outDir, 'renderer', 'index.html'), preload: join(outDir, 'preload', 'index.cjs') };
}
