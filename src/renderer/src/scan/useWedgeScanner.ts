import { useEffect, useRef } from 'react';
import { createWedgeDetector } from './wedge-detector';

/** Types text into the focused field; `enter`: then the Enter that ended it (a field's form is submitted, a text area gets a line). */
export function typeIntoFocus(text: string, enter = false): void {
  const el = document.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable)) {
    // insertText fires the input events React listens to, as real typing does.
    document.execCommand('insertText', false, text);
    if (enter && el instanceof HTMLInputElement) el.form?.requestSubmit();
    else if (enter) document.execCommand('insertText', false, '\n');
  }
}

/**
 * A keyboard-wedge scan anywhere on the screen, wherever the focus is, goes to `onScan` and is not
 * typed into a field; ordinary typing goes through, at most `maxGapMs` late.
 */
export function useWedgeScanner(onScan: (text: string) => void, maxGapMs: number, enabled = true, minLength = 10): void {
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    let timer: number | undefined;
    const detector = createWedgeDetector({ maxGapMs, minLength }, (e) => {
      if (e.kind === 'scan') handler.current(e.text);
      else typeIntoFocus(e.text);
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      if (detector.key(e.key, performance.now())) {
        e.preventDefault();
        e.stopPropagation();
        window.clearTimeout(timer);
        timer = window.setTimeout(() => detector.timeout(performance.now()), maxGapMs + 1);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.clearTimeout(timer);
    };
  }, [maxGapMs, enabled, minLength]);
}
