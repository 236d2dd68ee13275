import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { STEPS, type Step } from '../../../shared/verification';

/**
 * Where focus goes after an action: a step, or a control of one document (by its number). Controls are
 * found by their `data-focus` name, which is the app's, not the tests' (`data-testid`).
 */
export type FocusTarget = Step | { number: string; control: string } | null;

/** The steps' sections by name, and a way to take the focus to a step or to one document's control. */
export function useStepFocus() {
  const steps = useRef(new Map<Step, HTMLElement>());
  const stepRef = (x: Step) => (el: HTMLElement | null) => {
    if (el) steps.current.set(x, el);
    else steps.current.delete(x);
  };
  /** Focuses the target's control (a step is entered at its first thing to do); `strict`: only that control, not its step. */
  const goTo = useCallback((target: FocusTarget, strict = false): boolean => {
    if (!target) return false;
    let el: HTMLElement | null;
    if (typeof target === 'string') {
      const section = steps.current.get(target === 'service' ? 'document' : target) ?? null;
      const control =
        target === 'outcome'
          ? document.querySelector<HTMLElement>('[data-focus=sign-off]')
          : section?.querySelector<HTMLElement>(target === 'service' ? '[data-focus=serve-document]' : target === 'document' ? '.primary:not(:disabled)' : 'button.primary, select, input');
      el = control ?? (strict ? null : section);
    } else {
      el = document.querySelector<HTMLElement>(`[data-number="${CSS.escape(target.number)}"] [data-focus=${target.control}]`);
    }
    if (!el) return false;
    el.scrollIntoView({ block: 'nearest' });
    el.focus();
    return true;
  }, []);
  return { stepRef, goTo };
}

/** Alt+1 to Alt+5 go to the steps; Alt+A does what `allAsFiled` holds (records all originals as filed). */
export function useStepKeys(goTo: (target: FocusTarget) => boolean, allAsFiled: RefObject<() => void>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= STEPS.length) {
        e.preventDefault();
        goTo(STEPS[n - 1]);
      } else if (e.key.toLowerCase() === 'a') {
        e.preventDefault();
        allAsFiled.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [goTo, allAsFiled]);
}
