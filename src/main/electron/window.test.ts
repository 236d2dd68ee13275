/**
 * The Electron windows, against a stand-in for Electron's BrowserWindow and screen modules (the binary
 * cannot be downloaded here): the applicant's screen opens on a second display, only there, once, and
 * again when one is plugged in after its window was closed; every window is sandboxed the same way.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeWindow {
  options: { x?: number; y?: number; width: number; height: number; webPreferences: Record<string, unknown> };
  fullScreen: boolean;
  loaded: { file: string; options?: { hash?: string } } | null;
  destroyed: boolean;
}

const electron = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  const displays: { id: number; bounds: { x: number; y: number; width: number; height: number } }[] = [];
  return { windows, displays };
});

vi.mock('electron', () => {
  const screen = Object.assign(new EventEmitter(), {
    getPrimaryDisplay: () => electron.displays[0],
    getAllDisplays: () => [...electron.displays],
  });
  class BrowserWindow {
    state: FakeWindow;
    webContents = { setWindowOpenHandler: () => undefined, on: () => undefined };
    constructor(options: FakeWindow['options']) {
      this.state = { options, fullScreen: false, loaded: null, destroyed: false };
      electron.windows.push(this.state);
    }
    setFullScreen(on: boolean) {
      this.state.fullScreen = on;
    }
    loadFile(file: string, options?: { hash?: string }) {
      this.state.loaded = { file, options };
      return Promise.resolve();
    }
    isDestroyed() {
      return this.state.destroyed;
    }
    once() {
      return this;
    }
  }
  return { BrowserWindow, screen, session: {} };
});

const { openApplicantScreen, createMainWindow } = await import('./window');
const { screen } = await import('electron');

const paths = { rendererIndex: '/opt/app/out/renderer/index.html', preload: '/opt/app/out/preload/index.cjs' };
const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const second = { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 800 } };

beforeEach(() => {
  electron.windows.length = 0;
  electron.displays.length = 0;
  screen.removeAllListeners();
});

describe("the applicant's screen in Electron", () => {
  it('opens nothing with one display, and a full-screen #display window on the second when it is plugged in, once', () => {
    electron.displays.push(primary);
    openApplicantScreen(paths);
    expect(electron.windows).toHaveLength(0);

    electron.displays.push(second);
    screen.emit('display-added');
    expect(electron.windows).toHaveLength(1);
    const [win] = electron.windows;
    expect(win.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 800 });
    expect(win.fullScreen).toBe(true);
    expect(win.loaded).toEqual({ file: paths.rendererIndex, options: { hash: 'display' } });

    // Another display event while it is open opens no second one.
    screen.emit('display-added');
    expect(electron.windows).toHaveLength(1);
    // Closed, then a display plugged in again: it comes back.
    win.destroyed = true;
    screen.emit('display-added');
    expect(electron.windows).toHaveLength(2);
  });

  it('opens at once on the second display when there is one at start', () => {
    electron.displays.push(primary, second);
    openApplicantScreen(paths);
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0].options).toMatchObject({ x: 1920, width: 1280 });
  });

  it('is sandboxed as the main window is: isolated, no Node, the same preload', () => {
    electron.displays.push(primary, second);
    createMainWindow({ ...paths, kiosk: false });
    openApplicantScreen(paths);
    const [main, applicant] = electron.windows;
    const secure = { preload: paths.preload, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true };
    expect(main.options.webPreferences).toMatchObject(secure);
    expect(applicant.options.webPreferences).toMatchObject(secure);
    expect(main.loaded).toEqual({ file: paths.rendererIndex, options: undefined });
  });
});
