import { useEffect, useRef } from 'react';
import { createWedgeDetector } from './wedge-detector';

function typeIntoFocus(text: string): void {
  const el = document.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable)) {
    // insertText fires the input events React listens to, as real typing does.
    document.execCommand('insertText', false, text);
  }
}

/**
 * A keyboard-wedge scan anywhere on the screen, wherever the focus is, goes to `onScan` and is not
 * typed into a field; ordinary typing goes through, at most `maxGapMs` late.
 */
export function useWedgeScanner(onScan: (text: string) => void, maxGapMs: number, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    let timer: number | undefined;
    const detector = createWedgeDetector({ maxGapMs, minLength: 10 }, (e) => {
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
  }, [maxGapMs, enabled]);
}
