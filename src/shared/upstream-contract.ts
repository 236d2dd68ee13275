/**
 * The upstream contract (`shared/specs/upstream-api.md`) as schemas: the reference server checks what
 * it is sent with them, and the app checks what it receives. Unknown fields are kept (the contract
 * says they are kept and ignored); a missing or malformed known field is refused.
 */
import { z } from 'zod';
import { CASE_STATUSES } from './cases';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an RFC 3339 time');
const id = z.string().min(1).max(64);

export const caseSchema = z.looseObject({
  noticeNo: id,
  permitNo: id,
  category: z.enum(['A', 'B', 'C']),
  status: z.enum(CASE_STATUSES as [string, ...string[]]),
  applicant: z.looseObject({
    name: z.string().min(1).max(200),
    // A field the spec shows as null may also be left out: it is taken as null (docs/upstream.md).
    nameZh: z.string().max(100).nullish().transform((v) => v ?? null),
    nationality: z.string().regex(/^[A-Z]{3}$/),
    sex: z.enum(['M', 'F', 'X']),
    birthDate: date,
    passportNo: id,
    ssn: z.string().max(32).nullish().transform((v) => v ?? null),
  }),
  employer: z.looseObject({ name: z.string().min(1).max(200), uscc: z.string().max(32), address: z.string().max(300) }),
  notice: z
    .looseObject({
      issuedOn: date,
      validMonths: z.number().int().min(1).max(60),
      approvedMonths: z.number().int().min(1).max(120),
      family: z.array(z.looseObject({ relation: z.string().max(40), name: z.string().max(200), passportNo: z.string().max(64) })).max(20).default([]),
    })
    .optional(),
  position: z.string().max(200).optional(),
  workPlace: z.string().max(20).optional(),
  validFrom: date.optional(),
  validTo: date.optional(),
  entryDate: date.nullish().transform((v) => v ?? null),
  contract: z.looseObject({ start: date, end: date, signed: date }).optional(),
  // A commitment (seeds Q14) has no report yet: no date and no issuer, or null ones; the others have both.
  medical: z
    .union([
      z.looseObject({ kind: z.enum(['domestic', 'overseas']), issuedOn: date, issuer: z.string().max(200) }),
      z.looseObject({ kind: z.literal('commitment'), issuedOn: date.nullish().transform((d) => d ?? null), issuer: z.string().max(200).nullish().transform((i) => i ?? null) }),
    ])
    .optional(),
  materials: z.array(z.looseObject({ code: z.string().min(1).max(64), required: z.boolean() })).max(40).optional(),
  // A request for supplements the case waits on at any window of the office; absent or null when none.
  pendingSupplement: z
    .looseObject({ documentNumber: z.string().max(80).nullable(), missing: z.array(z.string().max(64)).max(40), lastDay: date.nullable(), workstation: z.string().max(64) })
    .nullish()
    .transform((v) => v ?? null),
  version: z.number().int().nonnegative(),
  updatedAt: instant,
});

export const casesPageSchema = z.object({ cases: z.array(z.unknown()).max(5000), next: z.string().max(200).nullable(), more: z.boolean() });

/**
 * A Verification as upstream-api.md lists it: `id`, `noticeNo`, `caseVersion`, `outcome`, each
 * material's `code` and `evidence`, `clerk`, `at` and `workstation` are required, `reasons` too (not
 * empty for `rejected` and `supplement`); a material's `fields` and `note`, and each part of `identity`
 * (none when no QR was scanned, no card read, no MRZ read), may be absent. Unknown fields are kept and
 * ignored. The app sends no part it does not have (see `upstreamCopy`), and takes null for absent.
 */
export const verificationSchema = z
  .looseObject({
    id: z.string().uuid(),
    noticeNo: id,
    caseVersion: z.number().int().nonnegative(),
    outcome: z.enum(['approved', 'supplement', 'rejected']),
    materials: z
      .array(
        z.looseObject({
          code: z.string().min(1).max(64),
          evidence: z.enum(['original_seen', 'copy_retained', 'missing', 'not_applicable']),
          fields: z.record(z.string(), z.string().max(200)).nullish(),
          note: z.string().max(500).nullish(),
        }),
      )
      .max(40),
    identity: z
      .looseObject({
        qr: z.string().max(40).nullish(),
        card: z.looseObject({ cardNumber: z.string().max(64), ssn: z.string().max(32).nullish() }).nullish(),
        mrz: z.boolean().nullish(),
        // The passport's chip, when it was read (passport-chip.md).
        chip: z
          .looseObject({
            access: z.enum(['BAC', 'PACE']),
            passiveAuthentication: z.enum(['valid', 'hash-mismatch', 'bad-signature', 'unknown-csca', 'no-sod']),
            documentNumber: z.string().max(64).nullish(),
          })
          .nullish(),
      })
      .nullish(),
    reasons: z.array(z.string().max(500)).max(20),
    override: z.looseObject({ by: z.string().min(1).max(64), reason: z.string().min(1).max(1000) }).nullish(),
    // The images of originals taken for it, each sent by POST /v1/evidence.
    images: z.array(z.looseObject({ material: z.string().min(1).max(64), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).max(40).nullish(),
    clerk: z.string().min(1).max(64),
    at: instant,
    workstation: z.string().regex(/^[^/\s]{1,32}\/[^/\s]{1,16}$/),
  })
  .refine((v) => v.outcome === 'approved' || v.reasons.length > 0, { message: 'reasons: required, not empty, for rejected and supplement', path: ['reasons'] });
export type UpstreamVerification = z.infer<typeof verificationSchema>;

export const decisionEventSchema = z.looseObject({
  number: z.string().min(1).max(80),
  caseNo: id,
  kind: z.enum(['issued', 'reprint', 'void']),
  reason: z.string().max(1000).optional(),
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
  at: instant,
  clerk: z.string().min(1).max(64),
});
export type UpstreamDecisionEvent = z.infer<typeof decisionEventSchema>;

/** Any other document's event (`POST /v1/documents`): the decision event's body with its type; a proof of service names what it served, to whom, how. */
export const documentEventSchema = z
  .looseObject({
    ...decisionEventSchema.shape,
    type: z.enum(['refusal', 'supplement', 'service']),
    served: z.array(z.string().min(1).max(80)).min(1).max(20).optional(),
    recipient: z.string().min(1).max(120).optional(),
    method: z.string().min(1).max(40).optional(),
  })
  .refine((d) => d.type !== 'service' || (d.served && d.recipient && d.method), { message: 'served, recipient and method: required for a proof of service', path: ['served'] });
export type UpstreamDocumentEvent = z.infer<typeof documentEventSchema>;

/**
 * The applicant's evaluation of the service (好差评, `POST /v1/evaluations`). Grades run 1 to 5, 5 the
 * best (very satisfied) and 1 the worst, as the national 好差评 system counts them; the two lowest carry
 * at least one reason.
 */
export const evaluationSchema = z
  .looseObject({
    id,
    caseNo: id,
    grade: z.number().int().min(1).max(5),
    reasons: z.array(z.string().trim().min(1).max(500)).max(10),
    at: instant,
    workstation: z.string().min(3).max(64),
  })
  .refine((e) => e.grade > 2 || e.reasons.length > 0, { message: 'reasons: required, not empty, for grades 1 and 2', path: ['reasons'] });
export type UpstreamEvaluation = z.infer<typeof evaluationSchema>;

/**
 * A dissatisfied evaluation's follow-up as a supervisor closed it (`POST /v1/evaluation-follow-ups`, the
 * window's addition to the contract: docs/upstream.md), naming the evaluation by its id.
 */
export const followUpSchema = z.looseObject({
  evaluationId: id,
  caseNo: id,
  dueDay: date,
  checked: z.string().trim().min(1).max(2000),
  putRight: z.string().trim().min(1).max(2000),
  callback: z.looseObject({ on: date, how: z.enum(['phone', 'sms', 'in-person', 'letter', 'email']), said: z.string().trim().min(1).max(2000) }),
  closedAt: instant,
  closedBy: z.string().min(1).max(64),
  workstation: z.string().min(3).max(64),
});
export type UpstreamFollowUp = z.infer<typeof followUpSchema>;

/**
 * A case's history across the office's windows (`GET /v1/cases/{noticeNo}/history`): what the window
 * reads of it. Each record names the workstation that sent it; unknown fields are kept and ignored.
 */
export const caseHistorySchema = z.looseObject({
  verifications: z
    .array(z.looseObject({ id: z.string().max(64), outcome: z.enum(['approved', 'supplement', 'rejected']), clerk: z.string().max(64), at: instant, workstation: z.string().max(64), correctionOf: z.string().max(64).nullish() }))
    .max(1000),
  documents: z.array(z.unknown()).max(1000).default([]),
  decisions: z.array(z.unknown()).max(1000).default([]),
  images: z.array(z.unknown()).max(1000).default([]),
});
export type UpstreamCaseHistory = z.infer<typeof caseHistorySchema>;

/** A window's signed day of its register (`POST /v1/register-days`): the day's figures as the window counts them. */
export const registerDaySchema = z.looseObject({
  workstation: z.string().min(3).max(64),
  day: date,
  figures: z.looseObject({
    verifications: z.looseObject({ approved: z.number().int().min(0), supplement: z.number().int().min(0), rejected: z.number().int().min(0) }),
    corrections: z.number().int().min(0),
    issued: z.looseObject({ grant: z.number().int().min(0), refusal: z.number().int().min(0), supplement: z.number().int().min(0), service: z.number().int().min(0) }),
    reprinted: z.number().int().min(0),
    voided: z.number().int().min(0),
    evaluations: z.looseObject({ '1': z.number().int().min(0), '2': z.number().int().min(0), '3': z.number().int().min(0), '4': z.number().int().min(0), '5': z.number().int().min(0) }),
  }),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signedBy: z.string().min(1).max(64),
  at: instant,
});
export type UpstreamRegisterDay = z.infer<typeof registerDaySchema>;
/** `GET /v1/register-days`: every window's latest signed day of the office in the range; a day the window cannot read is left out. */
export const registerDaysAnswerSchema = z.looseObject({ days: z.array(z.unknown()).max(20_000) });

/** The office's dissatisfied evaluations with their follow-ups once closed (`GET /v1/evaluations?from=`, the window's addition). */
export const officeEvaluationsSchema = z.looseObject({
  evaluations: z
    .array(
      z.looseObject({
        id,
        caseNo: id,
        grade: z.number().int().min(1).max(2),
        reasons: z.array(z.string().max(1000)).max(20),
        at: instant,
        workstation: z.string().min(3).max(64),
        followUp: followUpSchema.nullish().transform((f) => f ?? null),
      }),
    )
    .max(2000),
});
export type OfficeEvaluation = z.infer<typeof officeEvaluationsSchema>['evaluations'][number];

export const numberRequestSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  count: z.number().int().min(1).max(10_000),
  type: z.enum(['grant', 'refusal', 'supplement', 'service']).optional(),
});
export const numberBlockSchema = z.object({ prefix: z.string().min(1).max(40), year: z.number().int(), from: z.number().int().min(1), to: z.number().int().min(1) }).refine((b) => b.to >= b.from);
export const revocationsSchema = z.object({ version: z.number().int().nonnegative(), added: z.array(z.string().max(64)).max(1_000_000) });
export const timeSchema = z.object({ now: instant });

/** A window's audit head, as sent (`POST /v1/audit-heads`) and as given back (`GET /v1/audit-heads/latest`). */
export const auditHeadSchema = z.strictObject({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), at: instant });
export const auditHeadAnswerSchema = z.looseObject({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), at: instant.optional(), receivedAt: instant.optional() });

/** A year's holiday schedule, as `GET /v1/calendar?year=` gives it (`workdays`: weekend days worked, 调休). */
export const calendarSchema = z.looseObject({
  year: z.number().int().min(1949).max(2200),
  holidays: z.array(date).max(366),
  workdays: z.array(date).max(120),
});
