import { addNumberBlock } from '../documents/numbers';
import type { DocumentType } from '../../../shared/verification';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../../../shared/accounts';
import { hashPassword } from '../accounts/passwords';
import { hasAnyAccount, insertAccount } from '../accounts/accounts';
import { appendAudit } from '../audit/audit';
import { hasAnyCase, saveCase } from '../cases/cases';
import { chinaDate } from '../dates/calendar';
import { getStoreMeta, setStoreMeta } from '../store/meta';
import { demoCases } from './demo-cases';
import { storeRevocationList, storeTrustList } from '../trust/trust-store';
import type { TrustList } from '../trust/trust-list';

/** One demo account per role; the passwords are shown on the sign-in screen while the demo is in use. */
export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; displayName: string }[] = [
  { username: 'clerk', password: 'clerk-demo', role: 'clerk', displayName: '王芳 Wang Fang' },
  { username: 'supervisor', password: 'supervisor-demo', role: 'supervisor', displayName: '刘强 Liu Qiang' },
  { username: 'police', password: 'police-demo', role: 'police', displayName: '张警官 Officer Zhang' },
  { username: 'admin', password: 'admin-demo', role: 'admin', displayName: '系统管理员 IT Admin' },
];

export function isDemoStore(db: Database): boolean {
  return getStoreMeta(db, 'demo') === '1';
}


/**
 * Fills an empty store with the demo office: cases, one account per role, the demo permit signer's
 * trust list, a revocation list naming the demo's revoked permits, and decision numbers. One transaction: a crash
 * leaves an empty store, which the next start fills again.
 */
export async function seedDemoOffice(db: Database, trustList: TrustList, now: Date): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  const at = now.toISOString();
  db.transaction(() => {
    DEMO_ACCOUNTS.forEach((a, i) => insertAccount(db, a, hashes[i], 'demo-setup', now));
    const cases = demoCases(chinaDate(now));
    for (const c of cases) saveCase(db, c);
    // The demo list counts as issued at the first start, like the demo cases, so it is not stale at once.
    storeTrustList(db, { ...trustList, issuedAt: at }, 'demo', now);
    const revoked = cases.filter((c) => c.status === 'revoked').map((c) => c.permitNo);
    storeRevocationList(db, { version: 1, revoked }, 'demo', now);
    // A block of numbers of each document type for this year and the next, as the upstream system would
    // reserve: the unlinked demo's alone (set aside once the window is linked, since every demo store has them).
    const year = Number(chinaDate(now).slice(0, 4));
    for (const y of [year, year + 1]) {
      for (const [type, prefix] of DEMO_PREFIXES) addNumberBlock(db, { type, prefix, year: y, from: 1, to: 999, source: 'demo' });
    }
    setStoreMeta(db, 'demo', '1');
    appendAudit(db, { at, actor: 'demo-setup', action: 'demo.created', target: `${cases.length} cases` });
  })();
}

/** The demo office's prefix per document type, as the reference server gives them. */
export const DEMO_PREFIXES: [DocumentType, string][] = [
  ['grant', '示人社外许字'],
  ['refusal', '示人社外不许字'],
  ['supplement', '示人社外补字'],
  ['service', '示人社外送字'],
];

/** A store that has never held an account or a case: the first start. */
export function isEmptyStore(db: Database): boolean {
  return !hasAnyAccount(db) && !hasAnyCase(db);
}
