import type { ApiResult } from '../../shared/errors';
import type { Core } from '../core/api/core';
import type { Session } from '../core/calls/handler-spec';
import type { InternalEvent } from '../core/events/events';
import type { CoreEvent } from '../../shared/permit-qr';

/** What the bridge needs of an Electron IpcMainInvokeEvent (so it is tested without Electron). */
export interface InvokeEventLike {
  /** The window's webContents; `once('destroyed')` tells the bridge it is gone. */
  sender: object & { once?: (event: 'destroyed', listener: () => void) => unknown };
  senderFrame: { url: string } | null;
}

/**
 * The one IPC channel's handler: calls are taken only from the app's own page (a file:// URL), each
 * window has its own session, and everything else is the core's ordinary validation.
 */
export interface IpcBridge {
  handle(event: InvokeEventLike, method: unknown, params: unknown): Promise<ApiResult<unknown>>;
  /** The event as the window's session may see it, or null when it receives none (signed out or locked). */
  eventFor(sender: object, event: InternalEvent): CoreEvent | null;
}

export function createIpcBridge(core: Core): IpcBridge {
  const sessions = new WeakMap<object, Session>();
  const handle: IpcBridge['handle'] = async (event, method, params) => {
    if (!event.senderFrame || !event.senderFrame.url.startsWith('file://')) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are taken only from the app window.' } };
    }
    let session = sessions.get(event.sender);
    if (!session) {
      const opened = core.openSession();
      sessions.set(event.sender, (session = opened));
      // A closed window's session ends with it (an applicant's screen is then no longer paired).
      event.sender.once?.('destroyed', () => core.closeSession(opened));
    }
    return core.call(session, typeof method === 'string' ? method : '', params);
  };
  return {
    handle,
    eventFor: (sender, event) => {
      const session = sessions.get(sender);
      return session ? core.eventFor(session, event) : null;
    },
  };
}
