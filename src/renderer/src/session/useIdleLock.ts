import { useEffect, useRef } from 'react';
import { ask, call } from '../api/client';
import type { SessionState } from '../../../shared/accounts';

const TOUCH_EVERY_MS = 30_000;

/**
 * Locks the screen after `idleLockMinutes` without keyboard, pointer or wheel input, and tells the
 * core now and then that the user is active (the core keeps its own idle check as a backstop).
 */
export function useIdleLock(session: SessionState, setSession: (s: SessionState) => void): void {
  const lastInput = useRef(Date.now());
  const lastTouch = useRef(Date.now());
  const active = !!session.account && !session.locked;

  useEffect(() => {
    if (!active) return;
    lastInput.current = Date.now();
    const onInput = () => {
      lastInput.current = Date.now();
      if (lastInput.current - lastTouch.current > TOUCH_EVERY_MS) {
        lastTouch.current = lastInput.current;
        void ask('session.touch', {});
      }
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, onInput, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current >= session.idleLockMinutes * 60_000) {
        window.clearInterval(timer);
        void call('session.lock', {}).then((r) => setSession(r.ok ? r.value : { ...session, locked: true }));
      }
    }, 1000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, onInput));
      window.clearInterval(timer);
    };
  }, [active, session, setSession]);
}
