import type { CoreEvent } from '../../../shared/permit-qr';
import type { Settings } from '../../../shared/settings';

/** Events inside the core: those for the UI, and the core's own (settings changed). */
export type InternalEvent =
  | CoreEvent
  | { type: 'settings.changed'; settings: Settings }
  /** A clerk's display changed: for that clerk's displays and windows only. */
  | { type: 'applicant.changed.of'; clerk: string }
  /** The key a passport on the reader is opened with changed: a passport left unread is tried again. */
  | { type: 'passport.retry' };

export interface CoreEvents {
  emit(event: InternalEvent): void;
  subscribe(listener: (event: InternalEvent) => void): () => void;
}

export function createCoreEvents(): CoreEvents {
  const listeners = new Set<(event: InternalEvent) => void>();
  return {
    emit(event) {
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // One broken listener must not stop the others (or the call that emitted).
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
