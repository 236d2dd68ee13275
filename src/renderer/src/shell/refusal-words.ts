type T = (k: string, o?: Record<string, unknown>) => string;

/** A refused trust or revocation list in the user's words: which list, and why (Settings and the readiness line alike). */
export function refusalWords(t: T, list: unknown, reason: unknown): { list: string; reason: string } {
  return { list: t(`trust.listName.${String(list ?? 'trustList')}`), reason: t(`trust.refusal.${String(reason)}`) };
}
