/**
 * What the reference server takes, written from `upstream-api.md` on its own: the server shares no
 * schema, type or helper with the app, so a misreading of the contract on either side shows as a
 * refusal in the sync tests instead of agreeing by construction. Unknown fields are kept and ignored
 * (the contract says so); a missing or malformed known one is refused with 422.
 */
import { z } from 'zod';

const time = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'an RFC 3339 time');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID');
const text = (max: number) => z.string().max(max);
const reference = z.string().min(1).max(64);

/** The statuses a case runs through: awaiting verification, verified, a decision issued, or an end. */
export const CASE_STATUSES = ['awaiting_verification', 'verified', 'decision_issued', 'rejected', 'withdrawn', 'revoked'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A Case as the server keeps and serves it. Only what the server itself reads is named; everything
 * else of a case (applicant, employer, notice, medical report…) is carried as it was seeded.
 */
export interface UpstreamCase {
  noticeNo: string;
  permitNo: string;
  status: CaseStatus;
  version: number;
  updatedAt: string;
  applicant: { passportNo: string; nationality: string; ssn: string | null; [field: string]: unknown };
  [field: string]: unknown;
}

/** A seeded case: enough of it to serve and to look up by its numbers. */
export const seedCaseSchema = z.looseObject({
  noticeNo: reference,
  permitNo: reference,
  status: z.enum(CASE_STATUSES),
  applicant: z.looseObject({ passportNo: reference, nationality: z.string().regex(/^[A-Z]{3}$/), ssn: z.string().max(32).nullable() }),
});

/**
 * `POST /v1/verifications`. Required: id, noticeNo, caseVersion, outcome, each material's code and
 * evidence, reasons (not empty for rejected and supplement), clerk, at, workstation. A material's
 * fields and note, each part of identity, images and the override may be absent.
 */
export const verificationBody = z
  .looseObject({
    id: uuid,
    noticeNo: reference,
    caseVersion: z.number().int().nonnegative(),
    outcome: z.enum(['approved', 'supplement', 'rejected']),
    materials: z
      .array(
        z.looseObject({
          code: z.string().min(1).max(64),
          evidence: z.enum(['original_seen', 'copy_retained', 'missing', 'not_applicable']),
          fields: z.record(z.string(), text(500)).nullish(),
          note: text(1000).nullish(),
        }),
      )
      .max(60),
    identity: z
      .looseObject({
        qr: z.string().max(40).nullish(),
        card: z.looseObject({ cardNumber: text(40), ssn: text(32).nullish() }).nullish(),
        mrz: z.boolean().nullish(),
        chip: z.looseObject({ access: z.enum(['BAC', 'PACE']), passiveAuthentication: z.enum(['valid', 'hash-mismatch', 'bad-signature', 'unknown-csca', 'no-sod']), documentNumber: text(40) }).nullish(),
      })
      .nullish(),
    images: z.array(z.looseObject({ material: z.string().min(1).max(64), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).max(40).nullish(),
    reasons: z.array(text(1000)).max(40),
    override: z.looseObject({ by: z.string().min(1).max(64), reason: z.string().min(1).max(2000) }).nullish(),
    clerk: z.string().min(1).max(64),
    at: time,
    workstation: z.string().min(1).max(64),
  })
  .refine((v) => v.outcome === 'approved' || v.reasons.length > 0, { message: 'required, and not empty, for rejected and supplement', path: ['reasons'] });

/** `POST /v1/decisions`: an issued, reprinted or voided decision. */
export const decisionBody = z.looseObject({
  number: z.string().min(1).max(100),
  caseNo: reference,
  kind: z.enum(['issued', 'reprint', 'void']),
  reason: text(2000).nullish(),
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
  at: time,
  clerk: z.string().min(1).max(64),
  // The window's addition (its docs/upstream.md): an issued document's PDF and content, so that any
  // window of the office can print and serve it. The PDF must hash to pdfSha256.
  pdf: z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').nullish(),
  content: z.looseObject({}).nullish(),
});

/** `POST /v1/documents`: the same body with the document's `type`; a proof of service names what it served, to whom and how. */
export const documentBody = decisionBody
  .extend({
    type: z.enum(['refusal', 'supplement', 'service']),
    served: z.array(z.string().min(1).max(100)).max(20).nullish(),
    recipient: text(200).nullish(),
    method: text(100).nullish(),
  })
  .refine((d) => d.type !== 'service' || (!!d.served?.length && !!d.recipient && !!d.method), { message: 'a proof of service names what it served, the recipient and the method', path: ['served'] });

/** `POST /v1/evaluations`: the applicant's evaluation of the service. */
export const evaluationBody = z.looseObject({
  id: uuid,
  caseNo: reference,
  grade: z.number().int().min(1).max(5),
  reasons: z.array(text(1000)).max(20),
  at: time,
  workstation: z.string().min(1).max(64),
});

/**
 * `POST /v1/evaluation-follow-ups` (the window's addition to upstream-api.md, docs/upstream.md): a
 * dissatisfied evaluation's follow-up as a supervisor closed it, naming the evaluation by its id: what was
 * checked, what was put right, and the callback to the applicant.
 */
export const followUpBody = z.looseObject({
  evaluationId: uuid,
  caseNo: reference,
  dueDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  checked: text(2000).refine((t) => t.trim().length > 0, 'required'),
  putRight: text(2000).refine((t) => t.trim().length > 0, 'required'),
  callback: z.looseObject({
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    how: z.enum(['phone', 'sms', 'in-person', 'letter', 'email']),
    said: text(2000).refine((t) => t.trim().length > 0, 'required'),
  }),
  closedAt: time,
  closedBy: z.string().min(1).max(64),
  workstation: z.string().min(1).max(64),
});

/** `POST /v1/register-days`: a window's signed day of its register; the figures are the window's own count, kept as sent. */
export const registerDayBody = z.looseObject({
  workstation: z.string().min(1).max(64),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  figures: z.record(z.string().max(64), z.unknown()).refine((f) => JSON.stringify(f).length <= 20_000, 'figures: at most 20 KB'),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signedBy: z.string().min(1).max(64),
  at: time,
});

/** `POST /v1/decision-numbers`: a block for a year; `type` absent means the grant's. */
export const numberRequestBody = z.looseObject({
  year: z.number().int().min(2000).max(2100),
  count: z.number().int().min(1).max(10_000),
  type: z.enum(['grant', 'refusal', 'supplement', 'service']).nullish(),
});

/** `POST /v1/audit-heads`: the newest entry of the window's audit chain. */
export const auditHeadBody = z.looseObject({
  seq: z.number().int().positive(),
  hash: z.string().min(1).max(200),
  at: time,
});


/** `POST /v1/evidence`: an image of an original taken at the window, its bytes in base64 (at most 4 MiB decoded). */
export const evidenceBody = z.looseObject({
  id: uuid,
  verificationId: uuid,
  noticeNo: reference,
  material: z.string().min(1).max(64),
  mime: z.enum(['image/jpeg', 'image/png']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  capturedAt: time,
  device: text(200),
  workstation: z.string().min(1).max(64),
});
export const EVIDENCE_MAX_BYTES = 4 * 1024 * 1024;
