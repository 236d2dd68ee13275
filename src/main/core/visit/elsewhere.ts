import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ElsewhereView } from '../../../shared/verification';
import type { Upstream } from '../calls/ports';
import { getSettings } from '../settings/settings';

/** A record another window signed this recently is said to the clerk who opens the case. */
export const RECENT_MINUTES = 15;

/**
 * What the other windows of the office did on a case, as the authority says now: the last record
 * another window signed, whether the authority will refuse a new record from this window (the case is
 * verified or decided, and its last record is another window's: `verified-elsewhere`), and whether
 * another window signed one in the last minutes. Offline or unlinked it says so and refuses nothing:
 * a record the authority refuses later goes to review, as before.
 */
export async function caseElsewhere(db: Database, sync: Pick<Upstream, 'caseAtOffice'>, noticeNo: string, now: Date): Promise<ElsewhereView> {
  const answer = await sync.caseAtOffice(noticeNo);
  if (answer === 'not-linked' || answer === 'unreachable') return { checked: answer, status: null, other: null, refused: false, recent: false };
  const s = getSettings(db);
  const mine = `${s.officeCode}/${s.windowNo}`;
  const last = answer.verifications.at(-1) ?? null;
  const others = answer.verifications.filter((v) => v.workstation !== mine);
  const other = others.at(-1) ?? null;
  const decided = answer.status === 'verified' || answer.status === 'decision_issued';
  return {
    checked: 'yes',
    status: answer.status,
    other: other ? { workstation: other.workstation, clerk: other.clerk, at: other.at, outcome: other.outcome as 'approved' | 'supplement' | 'rejected' } : null,
    refused: decided && !!last && last.workstation !== mine,
    recent: !!other && now.getTime() - Date.parse(other.at) < RECENT_MINUTES * 60_000,
  };
}
