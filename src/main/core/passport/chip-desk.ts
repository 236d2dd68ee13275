import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ChipRead, PassportExpectation, PassportRead } from '../../../shared/passport';
import { getCase } from '../cases/cases';
import type { ChipChannel } from '../emrtd/chip';
import { readPassport, unreadPassport } from '../emrtd/read-passport';
import type { CoreEvents } from '../events/events';
import { createLogger } from '../log/logger';
import { CardError } from '../ssc-card/apdu';
import { currentCscas } from '../trust/csca-list';
import { getDraft } from '../verification/drafts';
import { faceAsJpeg } from './face';
import { chipKeys } from './keys';

const log = createLogger('passport');

/** The reads kept in memory: chip data is personal, and only the latest is attached to a visit. */
const KEPT = 5;

export interface ChipDesk {
  /** What a passport laid on the reader now is expected to be (null: nothing open). A passport left on the reader unread is tried again. */
  expect(expectation: PassportExpectation | null): void;
  /** A read the core announced, by its id. */
  read(readId: number): ChipRead | null;
  /** The card watcher found a card that is not a social security card: read it as a passport. */
  readLaid(card: ChipChannel): Promise<void>;
}

/**
 * The passport's chip at the window: the card watcher hands it any card that is not a social security
 * card; the key comes from what the window expects (the open verification's MRZ or passport data, or
 * the MRZ line the police screen typed), so laying the passport on the reader is the only action. Each
 * read is announced (`passport.read`) with the case it was read for; the screen attaches it to the draft.
 */
export function createChipDesk(db: Database, events: CoreEvents, now: () => Date): ChipDesk {
  let expectation: PassportExpectation | null = null;
  let nextId = 1;
  const reads = new Map<number, ChipRead>();
  // Whether the passport on the reader was left unread or refused the key: a new expectation tries it again.
  let retryable = false;

  const keep = (read: ChipRead) => {
    reads.set(read.readId, read);
    for (const id of reads.keys()) if (reads.size > KEPT) reads.delete(id);
  };

  return {
    expect(next) {
      expectation = next;
      if (next && retryable) events.emit({ type: 'passport.retry' });
    },
    read: (readId) => reads.get(readId) ?? null,
    async readLaid(card) {
      const exp = expectation;
      const noticeNo = exp && 'noticeNo' in exp ? exp.noticeNo : null;
      const candidates = exp ? chipKeys(exp, noticeNo ? getCase(db, noticeNo) : null, noticeNo ? getDraft(db, noticeNo) : null) : [];
      let result: PassportRead = unreadPassport('no-key');
      let source: ChipRead['key'] = null;
      for (const candidate of candidates) {
        source = candidate.source;
        try {
          result = await readPassport(card, candidate.key, currentCscas(db));
        } catch (err) {
          if (!(err instanceof CardError)) throw err;
          result = unreadPassport(err.code === 'card-removed' || err.code === 'reader-removed' ? err.code : 'read-failed');
        }
        // A key the chip refuses: the next one may open it (a typed number, where the page's MRZ was misread).
        if (!result.problems.includes('access-denied')) break;
      }
      retryable = result.problems.includes('no-key') || result.problems.includes('access-denied');
      const read: ChipRead = { ...result, readId: nextId++, at: now().toISOString(), key: source, noticeNo, faceJpeg: await faceAsJpeg(result.photo) };
      keep(read);
      // Only the outcome's words go to the log: the chip's data is personal.
      log.info('passport chip read', { verdict: read.passiveAuthentication, problems: read.problems.filter((p) => !p.includes(':')).join(',') });
      events.emit({ type: 'passport.read', read });
    },
  };
}
