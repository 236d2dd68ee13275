/**
 * Where the clerk was when the screen locked: the case they had open. The lock screen replaces the
 * screens, so this lives outside them (in memory only, for this page: reloading signs out anyway), and
 * the case opens again on unlock with its draft from the core. Signing out forgets it.
 */
let openCase: string | null = null;

export function rememberOpenCase(noticeNo: string | null): void {
  openCase = noticeNo;
}

export function lastOpenCase(): string | null {
  return openCase;
}
