import type { ApiError, ApiResult } from '../../../shared/errors';
import { MAX_FRAME_BYTES, type AnswerFrame, type ApiCall, type EventFrame, type Method, type Params, type Result } from '../../../shared/handlers';
import type { CoreEvent } from '../../../shared/permit-qr';

type RawCall = (method: string, params: unknown) => Promise<ApiResult<unknown>>;

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser, where the WebSocket is used. */
    acw?: { host: 'electron'; call: RawCall; onEvent(listener: (event: CoreEvent) => void): () => void };
  }
}

type Listener = () => void;
const reconnectListeners = new Set<Listener>();
const eventListeners = new Set<(event: CoreEvent) => void>();

/** Events the core pushes (a scan from a serial or HID scanner); returns the unsubscribe. */
export function onCoreEvent(listener: (event: CoreEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

/** Called when the connection to the core was lost and made again: the old session is gone. */
export function onReconnect(listener: Listener): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

const UNREACHABLE: ApiResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The connection to the app core was lost; try again.' },
};

/** The web host's transport: one WebSocket, calls answered by id, reconnecting with backoff. */
function webSocketCall(): RawCall {
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let nextId = 1;
  let everOpened = false;
  const pending = new Map<number, (r: ApiResult<unknown>) => void>();

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`);
      ws.onopen = () => {
        socket = ws;
        if (everOpened) reconnectListeners.forEach((l) => l());
        everOpened = true;
        resolve(ws);
      };
      ws.onmessage = (ev) => {
        const frame = JSON.parse(String(ev.data)) as AnswerFrame | EventFrame;
        if ('event' in frame) {
          eventListeners.forEach((l) => l(frame.event));
          return;
        }
        if (frame.id === null) return;
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      };
      ws.onclose = () => {
        socket = null;
        opened = null;
        for (const done of pending.values()) done(UNREACHABLE);
        pending.clear();
        reject(new Error('closed'));
      };
    });
    opened.catch(() => undefined);
    return opened;
  }

  return async (method, params) => {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      // One more try after a short pause: the host may be restarting.
      await new Promise((r) => setTimeout(r, 500));
      try {
        ws = await connect();
      } catch {
        return UNREACHABLE;
      }
    }
    const id = nextId++;
    const frame = JSON.stringify({ id, method, params });
    // The host closes a connection that sends a frame over its limit, and the session with it: refuse here.
    if (new TextEncoder().encode(frame).length > MAX_FRAME_BYTES) {
      return { ok: false, error: { code: 'too-large', message: `${method}: the call is larger than ${MAX_FRAME_BYTES} bytes` } };
    }
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(frame);
    });
  };
}

const raw: RawCall = window.acw?.call ?? webSocketCall();
window.acw?.onEvent((event) => eventListeners.forEach((l) => l(event)));

/** The typed API: the same calls in Electron and in the browser. */
export const call: ApiCall = <M extends Method>(method: M, params: Params<M>) =>
  raw(method, params) as Promise<ApiResult<Result<M>>>;

const failureListeners = new Set<(error: ApiError, method: Method) => void>();

/** Told of every failure of a call made through `ask` (the failure bar under the header listens). */
export function onCallFailed(listener: (error: ApiError, method: Method) => void): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

// A locked or ended session is the lock screen's and the sign-in's to say, not a failure of the call.
const SAID_ELSEWHERE = new Set<ApiError['code']>(['session-locked', 'signed-out', 'password-change-required']);

/**
 * A call whose failure the screen does not show beside its own control: the value, or null with the
 * failure said in the bar under the header, in the user's language. No call's failure is dropped.
 */
export async function ask<M extends Method>(method: M, params: Params<M>): Promise<Result<M> | null> {
  const r = await call(method, params);
  if (r.ok) return r.value;
  if (!SAID_ELSEWHERE.has(r.error.code)) failureListeners.forEach((l) => l(r.error, method));
  return null;
}
