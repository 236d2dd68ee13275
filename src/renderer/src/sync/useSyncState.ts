import { useEffect, useState } from 'react';
import type { ServerReset, SyncProblem, SyncState } from '../../../shared/sync';
import { beijingTime } from '../shell/time';
import { ask, onCoreEvent } from '../api/client';
import { refusalWords } from '../shell/refusal-words';

/** The readiness of the link to the authority's system: fetched once, then pushed by the core after each round. */
export function useSyncState(): [SyncState | null, (s: SyncState) => void] {
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    void ask('sync.state', {}).then((v) => v !== null && setState(v));
    const off = onCoreEvent((e) => {
      if (e.type === 'sync.state') setState(e.sync);
    });
    // The ages shown ("synced 2 min ago") move on even when nothing is pushed.
    const tick = setInterval(() => void ask('sync.state', {}).then((v) => v !== null && setState(v)), 60_000);
    return () => {
      off();
      clearInterval(tick);
    };
  }, []);
  return [state, setState];
}

/** The link in one word: local data only, online, or offline. */
export function linkText(t: (k: string) => string, s: SyncState): string {
  return !s.configured ? t('sync.localOnly') : s.online ? t('sync.online') : t('sync.offline');
}

export function ageText(t: (k: string, o?: Record<string, unknown>) => string, iso: string | null): string {
  if (!iso) return t('sync.never');
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return t('sync.justNow');
  if (minutes < 120) return t('sync.minutesAgo', { count: minutes });
  return t('sync.hoursAgo', { count: Math.round(minutes / 60) });
}

type T = (k: string, o?: Record<string, unknown>) => string;

/** A step's problem in words: which step, and its cause. */
export function problemText(t: T, p: SyncProblem): string {
  const words = p.code === 'trust-list-refused' ? refusalWords(t, p.list, p.reason) : { detail: p.detail ?? '' };
  return t('sync.problemText', { step: t(`sync.step.${p.step}`), cause: t(`sync.problemCode.${p.code}`, { status: p.status ?? '', ...words }) });
}

/** What a server reset did, in words: being checked, or what was sent again. */
export function resetText(t: T, r: ServerReset): string {
  const reason = t(`sync.resetReason.${r.reason}`);
  if (r.finishedAt === null) return t('sync.resetChecking', { reason, checked: r.checked, toCheck: r.toCheck });
  return t('sync.resetDone', { reason, at: beijingTime(r.at, t), verifications: r.resent.verifications, decisions: r.resent.decisions });
}

/** A reset stays on the readiness line while it is checked and for a day after. */
export const RESET_SHOWN_MS = 24 * 3_600_000;
export const resetOnLine = (r: ServerReset | null): r is ServerReset => !!r && (r.finishedAt === null || Date.now() - Date.parse(r.finishedAt) < RESET_SHOWN_MS);
