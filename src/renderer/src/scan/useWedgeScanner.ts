import { useEffect, useRef } from 'react';
import { createWedgeDetector } from './wedge-detector';

/** Types text into the focused field; `enter`: then the Enter that ended it (a field's form is submitted, a text area gets a line). */
export function typeIntoFocus(text: string, enter = false): void {
  const el = document.activeElement;
  if (focusIsEditable()) {
    // insertText fires the input events React listens to, as real typing does.
    document.execCommand('insertText', false, text);
    if (enter && el instanceof HTMLInputElement) el.form?.requestSubmit();
    else if (enter) document.execCommand('insertText', false, '\n');
  }
}

/** Whether the focus is in a field a person types into. */
export function focusIsEditable(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
}

/** What a scanner sends as a whole code (a permit QR, a reference URL): in a field, nothing else is taken as a scan. */
export const LOOKS_SCANNED = /^(WPN\d*:|https?:\/\/)/i;

/**
 * A keyboard-wedge scan anywhere on the screen, wherever the focus is, goes to `onScan` and is not
 * typed into a field; ordinary typing goes through, at most `maxGapMs` late. A scan cut off by a busy
 * PC goes to `onFragment` (never to `onScan`, never into a field).
 */
export function useWedgeScanner(onScan: (text: string) => void, maxGapMs: number, enabled = true, minLength = 10, onFragment?: () => void): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  const fragment = useRef(onFragment);
  fragment.current = onFragment;

  useEffect(() => {
    if (!enabled) return;
    let timer: number | undefined;
    const detector = createWedgeDetector({ maxGapMs, minLength }, (e) => {
      if (e.kind === 'scan') handler.current(e.text);
      else if (e.kind === 'fragment') fragment.current?.();
      else typeIntoFocus(e.text);
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      if (detector.key(e.key, performance.now())) {
        e.preventDefault();
        e.stopPropagation();
        window.clearTimeout(timer);
        timer = window.setTimeout(() => detector.timeout(performance.now()), detector.waitMs() + 1);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.clearTimeout(timer);
    };
  }, [maxGapMs, enabled, minLength]);
}
