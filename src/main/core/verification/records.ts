import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseStatus, PermitCase } from '../../../shared/cases';
import type { Params } from '../../../shared/handlers';
import type { PermitFields } from '../../../shared/permit-qr';
import type { SscCardData } from '../../../shared/ssc-card';
import type { ChipRead } from '../../../shared/passport';
import type {
  IdentityEvidence,
  IdentityRow,
  MaterialProblem,
  Outcome,
  PhotoCheckResult,
  VerificationDraft,
  VerificationRecord,
} from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';
import { appendAudit } from '../audit/audit';
import { verificationBinding } from './record-hash';
import { getCase, saveCase } from '../cases/cases';
import { verifyPermitQr } from '../permit-qr/verify';
import { currentTrust } from '../trust/trust-store';
import { getSettings, workstationOf } from '../settings/settings';
import { enqueueVerification } from '../outbox/outbox';
import { upstreamCopy } from './upstream-copy';
import { crossCheckIdentity } from './identity';
import { materialProblems } from './materials';
import { checkMrz } from './mrz';
import { photoCheck } from './photo-checks';
import { checkCase } from './rules';
import { prepared } from '../store/prepared';
import { saveDraft } from './drafts';
import { bindDraftImages, draftImages } from '../evidence/images';
import { enqueueEvidence } from '../outbox/outbox';
import { captureModeOf } from './capture-modes';

/** Everything a machine concludes from a draft: problems, the identity cross-check and what blocks approval. */
export interface Assessment {
  problems: MaterialProblem[];
  crossCheck: IdentityRow[];
  identity: IdentityEvidence;
  rules: { rule: string; status: string; blocksApproval: boolean }[];
  approvalBlockers: string[];
  /** The photo check the draft names, as the core made it. */
  photo: PhotoCheckResult | null;
}

/** The case's records, oldest first, each marked with the record that corrects it, if any. */
export function listRecords(db: Database, noticeNo: string): VerificationRecord[] {
  const rows = db.prepare('SELECT document FROM verifications WHERE notice_no = ? ORDER BY seq').all(noticeNo) as { document: string }[];
  const records = rows.map((r) => JSON.parse(r.document) as VerificationRecord);
  for (const r of records) r.correctedBy = records.find((x) => x.correctionOf === r.id)?.id ?? null;
  return records;
}

/** The signed-off records that bind images, oldest first (the audit check's walk over those images). */
export function recordsWithImages(db: Database): VerificationRecord[] {
  return (db.prepare(`SELECT document FROM verifications WHERE instr(document, '"images":') > 0 ORDER BY seq`).pluck().all() as string[]).map((d) => JSON.parse(d) as VerificationRecord);
}

export function getRecord(db: Database, id: string): VerificationRecord | null {
  const row = db.prepare('SELECT document FROM verifications WHERE id = ?').get(id) as { document: string } | undefined;
  return row ? (JSON.parse(row.document) as VerificationRecord) : null;
}

/**
 * Reads the draft as a machine can: the QR is verified again (the UI's word is not taken), the card
 * read is looked up by its id, the MRZ's check digits are checked, and all of it is compared with the
 * case. Approval is blocked by a failed blocking rule, a material problem, a failed photo check, an
 * identity difference, a permit QR that is not VALID, MRZ check digits that fail, or a passport chip
 * whose passive authentication is not `valid`.
 */
export function assessDraft(
  db: Database,
  c: PermitCase,
  draft: VerificationDraft,
  now: Date,
  cardRead: (id: number) => SscCardData | null,
  today: string,
  chipRead: (id: number) => ChipRead | null = () => null,
): Assessment {
  const settings = getSettings(db);
  const rules = checkCase(c, today, settings).results.map((r) => ({ rule: r.rule, status: r.status, blocksApproval: r.blocksApproval }));
  const problems = materialProblems(c, draft.materials, today, settings.medicalValidMonths);
  // A material whose image the office requires, seen at the window, waits for its image.
  const taken = new Set(draftImages(db, c.noticeNo).map((i) => i.material));
  for (const e of draft.materials) {
    const seen = e.evidence === 'original_seen' || e.evidence === 'copy_retained';
    if (seen && captureModeOf(settings, e.code) === 'required' && !taken.has(e.code)) problems.push({ code: e.code, field: null, problem: 'image-missing', detail: '' });
  }
  const photo = draft.photoCheckId !== null ? photoCheck(db, c.noticeNo, draft.photoCheckId) : null;
  for (const p of photo?.problems ?? []) problems.push({ code: 'photo', field: null, problem: 'photo', detail: p });
  const qrCheck = draft.qrText ? verifyPermitQr(draft.qrText, { trust: currentTrust(db), now, staleAfterDays: settings.trustListStaleDays }) : null;
  const qr: PermitFields | null = qrCheck?.permit ?? null;
  const card = draft.cardReadId !== null ? cardRead(draft.cardReadId) : null;
  const mrz = draft.mrz ? checkMrz(draft.mrz.line1, draft.mrz.line2) : null;
  // Only a chip that opened is evidence; one that refused the key is shown, not recorded.
  const named = draft.chipReadId != null ? chipRead(draft.chipReadId) : null;
  const chip = named?.access ? named : null;
  const crossCheck = crossCheckIdentity(c, { qr, card, mrz: mrz?.fields ?? null, chip: chip?.dg1?.fields ?? null }, today);
  const qrOfOtherNotice = !!qr && qr.nn !== c.noticeNo;
  const blockers: string[] = rules.filter((r) => r.blocksApproval).map((r) => r.rule);
  if (problems.length) blockers.push('materials');
  if (crossCheck.some((r) => r.differs.length) || qrOfOtherNotice) blockers.push('identity');
  if (qrCheck && qrCheck.verdict !== 'VALID') blockers.push('qr');
  if (mrz && !mrz.ok) blockers.push('mrz');
  // A chip whose passive authentication fails is a passport altered or not issued by that state: a supervisor decides.
  if (chip && chip.passiveAuthentication !== 'valid') blockers.push('chip');
  return {
    problems,
    crossCheck,
    identity: {
      qr: qrCheck?.verdict ?? null,
      card: card ? { cardNumber: card.cardNumber ?? '', ssn: card.ssn } : null,
      mrz: mrz ? mrz.ok : null,
      chip: chip
        ? { access: chip.access, passiveAuthentication: chip.passiveAuthentication === 'not-checked' ? 'no-sod' : chip.passiveAuthentication, documentNumber: chip.dg1?.fields.documentNumber ?? null }
        : draft.chipAbsent
          ? { access: null, passiveAuthentication: 'no-chip', documentNumber: null }
          : null,
    },
    rules,
    approvalBlockers: blockers,
    photo,
  };
}

/** Whether a record is what this sign-off would make: same clerk, outcome, words and materials. */
function isSameSignOff(record: VerificationRecord, input: SignOffInput, actor: string): boolean {
  return (
    record.clerk === actor &&
    record.outcome === input.outcome &&
    (record.correctionOf ?? null) === (input.correctionOf ?? null) &&
    JSON.stringify(record.reasons) === JSON.stringify(input.reasons) &&
    JSON.stringify(record.supplements) === JSON.stringify(input.supplements) &&
    JSON.stringify(record.materials) === JSON.stringify(input.draft.materials)
  );
}

const STATUS_AFTER: Record<Outcome, CaseStatus | null> = { approved: 'verified', rejected: 'rejected', supplement: null };

/** The call's parameters, with the override already authorised (the supervisor's password checked). */
export type SignOffInput = Omit<Params<'verification.signOff'>, 'override' | 'correctionOf'> & {
  override: { by: string; reason: string } | null;
  correctionOf: string | null;
};

/** Whether a later record corrects this one (a decision is issued on the newest record only). */
export function isCorrected(db: Database, recordId: string): boolean {
  return !!db.prepare('SELECT 1 FROM verifications WHERE correction_of = ?').get(recordId);
}

/**
 * Signs a record off: checks the outcome is allowed, stores the record (immutable from here), moves
 * the case's status, clears the draft and audits it, all in one transaction.
 */
export function signOff(
  db: Database,
  input: SignOffInput,
  ctx: {
    actor: string;
    now: Date;
    today: string;
    cardRead: (id: number) => SscCardData | null;
    chipRead?: (id: number) => ChipRead | null;
    /** Whether a live decision stands on a record: the documents' rule, asked here so that records import no documents. */
    liveDecisionOn: (recordId: string) => boolean;
  },
): VerificationRecord {
  return db.transaction(() => {
    const c = getCase(db, input.noticeNo);
    if (!c) throw new ApiFailure('not-found', 'No case has that notice number.');
    if (c.version !== input.caseVersion) throw new ApiFailure('conflict', 'The case changed since it was opened: open it again.');
    const records = listRecords(db, c.noticeNo);
    const newest = records.at(-1);
    // The same sign-off again (a double click, a call repeated after a lost answer) gets the record the
    // first one made: a client that had seen that record would name it (the return it follows, or the
    // record it corrects).
    if (newest && input.draft.returningFrom !== newest.id && input.correctionOf !== newest.id && isSameSignOff(newest, input, ctx.actor)) return newest;
    if (input.correctionOf) {
      const target = records.find((r) => r.id === input.correctionOf);
      if (!target) throw new ApiFailure('not-found', 'The record to correct is not one of this case.');
      if (target.correctedBy) throw new ApiFailure('conflict', 'That record was already corrected: correct the newest one.');
      if (ctx.liveDecisionOn(target.id)) throw new ApiFailure('conflict', 'A decision was issued on that record: a supervisor voids it first.');
    } else if (c.status !== 'awaiting_verification') {
      throw new ApiFailure('conflict', `The case is ${c.status}: only a correction of its record can follow.`);
    }
    if (input.outcome === 'supplement' && input.supplements.length === 0) {
      throw new ApiFailure('invalid-request', 'A request for supplements lists what to bring.', ['supplements']);
    }
    if (input.outcome === 'rejected' && input.reasons.length === 0) {
      throw new ApiFailure('invalid-request', 'A rejection gives its reasons.', ['reasons']);
    }
    if (!input.correctionOf && newest && input.draft.returningFrom !== newest.id) {
      // The case waits for supplements asked for after this visit was opened (at another screen, or
      // by another clerk): signing this one off too would keep two records of one visit.
      throw new ApiFailure('conflict', `The case was signed off meanwhile (${newest.outcome}, ${newest.clerk}, ${newest.at}): open it again.`);
    }
    // Category A holders need not come: the office records what it decided, before any outcome.
    if (c.category === 'A' && !input.draft.categoryA) {
      throw new ApiFailure('invalid-request', 'A Category A case records what the office decided: verified without the holder attending, or attendance required.', ['categoryA']);
    }
    const a = assessDraft(db, c, input.draft, ctx.now, ctx.cardRead, ctx.today, ctx.chipRead);
    if (input.outcome === 'approved' && a.approvalBlockers.length && !input.override) {
      throw new ApiFailure('approval-blocked', `Approval is blocked by: ${a.approvalBlockers.join(', ')}.`);
    }
    const settings = getSettings(db);
    const id = randomUUID();
    // The draft's images become the record's, bound by their hashes (a supplement's return starts with none).
    const images = bindDraftImages(db, c.noticeNo, id);
    const record: VerificationRecord = {
      id,
      seq: (db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM verifications').pluck().get() as number),
      noticeNo: c.noticeNo,
      caseVersion: c.version,
      outcome: input.outcome,
      materials: input.draft.materials,
      identity: a.identity,
      crossCheck: a.crossCheck,
      problems: a.problems,
      rules: a.rules,
      reasons: input.reasons,
      supplements: input.supplements,
      // An override only means something where approval was blocked.
      override: input.outcome === 'approved' && a.approvalBlockers.length ? input.override : null,
      attendedBy: input.draft.attendedBy,
      note: input.draft.note,
      categoryA: c.category === 'A' ? input.draft.categoryA! : null,
      queueNo: input.draft.queueNo ?? null,
      photo: a.photo,
      ...(images.length ? { images } : {}),
      qrText: a.identity.qr === 'VALID' ? input.draft.qrText : null,
      clerk: ctx.actor,
      at: ctx.now.toISOString(),
      workstation: workstationOf(settings),
      correctionOf: input.correctionOf,
    };
    // The row is written once, whole: the triggers refuse any later change.
    db.prepare('INSERT INTO verifications (seq, id, notice_no, correction_of, outcome, at, document) VALUES (?,?,?,?,?,?,?)').run(
      record.seq,
      record.id,
      record.noticeNo,
      record.correctionOf,
      record.outcome,
      record.at,
      JSON.stringify(record),
    );
    const status = input.correctionOf ? (STATUS_AFTER[input.outcome] ?? 'awaiting_verification') : STATUS_AFTER[input.outcome];
    if (status && status !== c.status) {
      saveCase(db, { ...c, status, history: [...(c.history ?? []), { status, at: record.at }] });
    }
    if (record.outcome === 'supplement') {
      // The applicant comes back with the supplements: the same case's verification opens again with
      // what was recorded (the materials seen, who attended, the note), so only what was missing is
      // entered. A card read and an MRZ are of that visit and are read again.
      saveDraft(db, c.noticeNo, { materials: record.materials, qrText: input.draft.qrText, cardReadId: null, mrz: null, photoCheckId: input.draft.photoCheckId, attendedBy: record.attendedBy, note: record.note, categoryA: record.categoryA ?? null, returningFrom: record.id }, ctx.actor, ctx.now);
    } else db.prepare('DELETE FROM verification_drafts WHERE notice_no = ?').run(c.noticeNo);
    // The upstream copy waits in the outbox, written with the record or not at all; its images go
    // first, so the authority holds each image a record names by the time it has the record.
    for (const image of images) enqueueEvidence(db, { id: image.id, noticeNo: c.noticeNo, verificationId: record.id }, ctx.now);
    enqueueVerification(db, upstreamCopy(record), ctx.now);
    // The record is bound into the chain by its content hash: a change or a removal behind the app's back shows.
    appendAudit(db, { at: record.at, actor: ctx.actor, action: `verification.${record.outcome}`, target: `${c.noticeNo} ${record.id}`, binds: [verificationBinding(record.id, JSON.stringify(record))] });
    if (record.override) appendAudit(db, { at: record.at, actor: record.override.by, action: 'verification.override', target: `${c.noticeNo} ${record.id}` });
    if (record.correctionOf) appendAudit(db, { at: record.at, actor: ctx.actor, action: 'verification.corrected', target: `${record.correctionOf} → ${record.id}` });
    return record;
  })();
}

/**
 * The cases whose newest record here has this outcome, with that record's time: of those named, or of
 * all. Asked of all, the outcome's index leads (few records ask for supplements or refuse); asked of
 * named cases, each is looked up once, in one statement.
 */
export function newestRecordsWith(db: Database, outcome: Outcome, of?: readonly string[]): { noticeNo: string; at: string }[] {
  const newest = 'NOT EXISTS (SELECT 1 FROM verifications l WHERE l.notice_no = v.notice_no AND l.seq > v.seq)';
  if (!of) return prepared(db, `SELECT v.notice_no AS noticeNo, v.at FROM verifications v WHERE v.outcome = ? AND ${newest}`).all(outcome) as { noticeNo: string; at: string }[];
  return prepared(
    db,
    `SELECT v.notice_no AS noticeNo, v.at FROM verifications v
     WHERE v.outcome = ? AND v.notice_no IN (SELECT value FROM json_each(?)) AND ${newest}`,
  ).all(outcome, JSON.stringify(of)) as { noticeNo: string; at: string }[];
}

/** A case's standing records (those not corrected), oldest first: their time and outcome only. */
export function standingOutcomes(db: Database, noticeNo: string): { at: string; outcome: Outcome }[] {
  const rows = prepared(db, 'SELECT id, correction_of AS correctionOf, outcome, at FROM verifications WHERE notice_no = ? ORDER BY seq').all(noticeNo) as {
    id: string;
    correctionOf: string | null;
    outcome: Outcome;
    at: string;
  }[];
  const corrected = new Set(rows.map((r) => r.correctionOf));
  return rows.filter((r) => !corrected.has(r.id)).map(({ at, outcome }) => ({ at, outcome }));
}

/**
 * Signed-off records in [from, to) (UTC instants) counted by Beijing day, clerk and outcome, for the
 * register; a correction is a sign-off too, and is counted as such besides.
 */
export function recordCounts(db: Database, from: string, to: string): { day: string; clerk: string; outcome: Outcome; corrections: number; n: number }[] {
  return db
    .prepare(
      "SELECT date(at, '+8 hours') AS day, clerk, outcome, count(correction_of) AS corrections, count(*) AS n FROM verifications WHERE at >= ? AND at < ? GROUP BY day, clerk, outcome",
    )
    .all(from, to) as { day: string; clerk: string; outcome: Outcome; corrections: number; n: number }[];
}
