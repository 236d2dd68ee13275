/**
 * The on-site verification of original materials and the decision it leads to. The record's shape is
 * the upstream contract's `Verification` (upstream-api.md), with what the window keeps locally beside it.
 */
import type { DecisionPrinter, PermitVerdict } from './permit-qr';
import type { ChipEvidence, ChipRead } from './passport';
import type { BoundImage, CaptureMode, DocumentCameraKind, EvidenceImageView } from './evidence';

export type Evidence = 'original_seen' | 'copy_retained' | 'missing' | 'not_applicable';
export const EVIDENCE: readonly Evidence[] = ['original_seen', 'copy_retained', 'missing', 'not_applicable'];

export type Outcome = 'approved' | 'supplement' | 'rejected';

/** The office's decision on a Category A holder's attendance. */
export type CategoryADecision = 'verified-without-attendance' | 'attendance-required';
export const CATEGORY_A_DECISIONS: readonly CategoryADecision[] = ['verified-without-attendance', 'attendance-required'];
export const OUTCOMES: readonly Outcome[] = ['approved', 'supplement', 'rejected'];

/** A field the clerk reads from an original, and what the case holds for it (null: nothing to compare). */
export interface MaterialField {
  key: string;
  caseValue: string | null;
  /** `date`: YYYY-MM-DD; `id`: compared without spaces and case; `name`: as passport names are compared. */
  kind: 'text' | 'date' | 'id' | 'name';
}

/** One line of the checklist, derived from the case by the materials rules. */
export interface ChecklistItem {
  code: string;
  required: boolean;
  /** What the window keeps: the original is seen and returned, or a photocopy is retained. */
  expected: 'original_seen' | 'copy_retained' | 'not_applicable';
  basis: { zh: string; en: string };
  fields: MaterialField[];
}

/** What the clerk recorded for one material. */
export interface MaterialEntry {
  code: string;
  evidence: Evidence;
  fields: Record<string, string>;
  note: string;
}

/** A problem a machine found in what the clerk recorded for a material. */
export interface MaterialProblem {
  code: string;
  field: string | null;
  problem: 'missing-required' | 'differs-from-case' | 'expired' | 'bad-date' | 'not-recent' | 'photo' | 'image-missing';
  detail: string;
}

export type IdentitySource = 'case' | 'qr' | 'card' | 'mrz' | 'chip';

/** One identity field as each source gives it; `differs` when a source disagrees with the case. */
export interface IdentityRow {
  field: 'name' | 'birthDate' | 'passportNo' | 'nationality' | 'sex' | 'ssn' | 'permitNo';
  values: Partial<Record<IdentitySource, string>>;
  differs: IdentitySource[];
}

/** The largest photo file the core is sent to check (base64 characters of 3 MB), within one WebSocket frame. */
export const PHOTO_BASE64_MAX = 4_000_000;

/** A photo check the core made from the file's bytes (the photo itself is not kept). */
export interface PhotoCheckResult {
  /** The check's id: a draft names it, and the core looks its result up. */
  id: number;
  ok: boolean;
  problems: string[];
  bytes: number;
  sha256: string;
  checkedAt: string;
}

/** What the clerk has entered so far; saved as they go, so a crash or a lock loses nothing. */
export interface VerificationDraft {
  materials: MaterialEntry[];
  /** The permit QR scanned at the window (the core verifies it again). */
  qrText: string | null;
  /** A card read the core announced (the UI names the read, never sends card data). */
  cardReadId: number | null;
  mrz: { line1: string; line2: string } | null;
  /** A passport chip read the core announced for this case (the UI names the read, never sends chip data). */
  chipReadId?: number | null;
  /** The clerk found no chip in the passport (or the reader has no contactless slot): recorded, blocks nothing. */
  chipAbsent?: boolean;
  /** The core's check of the applicant's photo file (its result is looked up, never taken from here). */
  photoCheckId: number | null;
  attendedBy: 'applicant' | 'employer-manager' | 'agent';
  /** A note on the verification (for Category A, the office's reasons). */
  note: string;
  /**
   * Category A: what the office decided. Holders of Category A need not come in person; the office
   * records whether it verified without them (the originals brought by the employer or an agent) or
   * asked them to attend. Null for Categories B and C, and until decided.
   */
  categoryA?: CategoryADecision | null;
  /** Set by the core when the draft was filled in from a request for supplements: the applicant's return. */
  returningFrom?: string | null;
  /** The queue number the visit was called by (叫号), typed or sent by the office's queue system. */
  queueNo?: string | null;
}

/** A queue number as queue systems print them: up to three letters, a dash or not, up to five digits (A023, B-117, 0042). */
export const QUEUE_NO = /^[A-Za-z]{0,3}-?\d{1,5}$/;

export interface IdentityEvidence {
  qr: PermitVerdict | null;
  card: { cardNumber: string; ssn: string | null } | null;
  mrz: boolean | null;
  /** The passport's chip: how it was opened and its passive authentication, or that the passport has none (absent in older records). */
  chip?: ChipEvidence | null;
}

/** A signed-off record: never changed; a correction is a new record pointing to it. */
export interface VerificationRecord {
  id: string;
  seq: number;
  noticeNo: string;
  caseVersion: number;
  outcome: Outcome;
  materials: MaterialEntry[];
  identity: IdentityEvidence;
  crossCheck: IdentityRow[];
  problems: MaterialProblem[];
  rules: { rule: string; status: string; blocksApproval: boolean }[];
  reasons: string[];
  supplements: string[];
  override: { by: string; reason: string } | null;
  attendedBy: VerificationDraft['attendedBy'];
  note: string;
  /** Category A: the office's decision as recorded (absent in records made before it was asked). */
  categoryA?: CategoryADecision | null;
  /** The queue number of the visit (叫号), when it had one. */
  queueNo?: string | null;
  photo: PhotoCheckResult | null;
  /** The images of originals taken for it, bound by their SHA-256 (absent in records made before images were taken). */
  images?: BoundImage[];
  /** The permit QR text, kept so the decision can carry it. */
  qrText: string | null;
  clerk: string;
  at: string;
  workstation: string;
  correctionOf: string | null;
  /** Set in the view, not stored: a later record corrects this one. */
  correctedBy?: string | null;
}

export interface PrintJobView {
  id: number;
  copyNo: number;
  printer: string;
  jobId: string | null;
  /** `unknown`: the spooler no longer says; the clerk says whether it printed. */
  state: 'submitted' | 'completed' | 'failed' | 'unknown';
  /** The spooler's own words (for the details). */
  message: string | null;
  /** What went wrong, for the words on screen (a PrintErrorCode), when it failed. */
  reasonCode: string | null;
  /** Who said whether a print whose outcome was unknown came out, and when. */
  confirmed: { by: string; at: string } | null;
  at: string;
  by: string;
}

/**
 * The documents the window issues: the grant (准予行政许可决定书), the refusal (不予行政许可决定书),
 * the supplement notice (补正材料通知书) and the proof of service (送达回证).
 */
export type DocumentType = 'grant' | 'refusal' | 'supplement' | 'service';
export const DOCUMENT_TYPES: readonly DocumentType[] = ['grant', 'refusal', 'supplement', 'service'];

/** Who received a document served at the window: the applicant, or an agent holding a power of attorney. */
export interface ServiceRecipient {
  kind: 'applicant' | 'agent';
  name: string;
  /** An agent's identity document (kind and number) and the power of attorney's reference. */
  agentIdType?: string;
  agentIdNo?: string;
  powerOfAttorney?: string;
}

/** A signature drawn on screen or on a pad: strokes of points in a box of `width` × `height`. */
export interface SignatureStrokes {
  width: number;
  height: number;
  strokes: [number, number][][];
}

export interface DecisionView {
  id: number;
  type: DocumentType;
  number: string;
  noticeNo: string;
  /** The record it stands on; null for another window's document taken here, and this window's proof of service of one. */
  verificationId: string | null;
  issuedAt: string;
  issuedBy: string;
  /** The window that issued it, when another window of the office did (taken here to print and serve it); null: this window. */
  workstation: string | null;
  sha256: string;
  printed: boolean;
  voided: { at: string; by: string; reason: string } | null;
  prints: PrintJobView[];
  /** A proof of service: the numbers of the documents it serves. */
  serves: string[];
  /** A document a live proof of service covers: the day it was served (Beijing). */
  servedOn: string | null;
}

/** The verification's steps, in the order the work is done at the counter. */
export const STEPS = ['materials', 'identity', 'outcome', 'document', 'service'] as const;
export type Step = (typeof STEPS)[number];
export type StepState = 'done' | 'todo' | 'blocked' | 'none';

export interface VisitSteps {
  states: Record<Step, StepState>;
  /** The step the work is at: the first to do or blocked (the document's once all are done). */
  current: Step;
}

/** What the visit allows now, decided by the core from the case, its records and documents and the saved draft. */
export interface VisitPlan {
  /** A record can be signed off now: the case awaits its verification. */
  open: boolean;
  steps: VisitSteps;
  /** The steps while the newest record is being corrected (the materials, identity and outcome are worked again). */
  correctingSteps: VisitSteps;
  /** The document the newest standing record calls for, while none stands on it (a refusal once per case). */
  issuable: { type: 'grant' | 'refusal' | 'supplement'; recordId: string } | null;
  /** The record a correction would follow (the newest standing one); `blockedBy` says why it cannot be corrected now. */
  correction: { recordId: string; blockedBy: 'live-decision' | null } | null;
}

/** Everything the verification panel shows for a case. */
export interface VerificationView {
  noticeNo: string;
  /** What can be done now and where the work is: the renderer shows it, and decides none of it. */
  plan: VisitPlan;
  checklist: ChecklistItem[];
  draft: VerificationDraft | null;
  /** Problems in the draft as it stands; recomputed on every save. */
  problems: MaterialProblem[];
  crossCheck: IdentityRow[];
  identity: IdentityEvidence;
  /** Why approval needs a supervisor's override now (rule ids, `identity`, `materials`). */
  approvalBlockers: string[];
  records: VerificationRecord[];
  decisions: DecisionView[];
  /** Numbers left in this window's blocks for the current year (the grant's). */
  numbersLeft: number;
  /** The same for each document type. */
  numbersLeftByType: Record<DocumentType, number>;
  /** Where a decision will print (set in Settings, or picked as the system's default or only printer); null when none is set up. */
  printer: DecisionPrinter | null;
  /** The photo check the draft names, as the core made it. */
  photo: PhotoCheckResult | null;
  /** The passport chip read the draft names, as the core read it (its face image with it). */
  chip: ChipRead | null;
  /** The images of originals the draft has taken, one per material at most. */
  images: EvidenceImageView[];
  /** Whether each checklist material's image is required, optional or not taken (Settings). */
  captureModes: Record<string, CaptureMode>;
  /** The document camera the window uses (Settings): a UVC camera by name, which the screen opens, or a vendor's service, which the core asks. */
  documentCamera: { kind: DocumentCameraKind; name: string };
}

export interface NumberBlock {
  id: number;
  type: DocumentType;
  prefix: string;
  year: number;
  from: number;
  to: number;
  next: number;
  /** Reserved for this workstation by the authority, entered by an administrator, or the demo office's seed. */
  source: 'upstream' | 'admin' | 'demo';
  /** When the demo's block was set aside (the window was linked to an authority): no number is taken from it. */
  setAsideAt: string | null;
}

/**
 * What the office's other windows did on a case, as the authority says when it is opened or signed off:
 * `checked` says whether it could be asked. `refused`: the authority will refuse a new record from this
 * window (verified or decided at another window); `recent`: another window signed one in the last minutes.
 */
export interface ElsewhereView {
  checked: 'yes' | 'not-linked' | 'unreachable';
  status: string | null;
  other: { workstation: string; clerk: string; at: string; outcome: Outcome } | null;
  refused: boolean;
  recent: boolean;
  /** The documents other windows issued on the case and did not void. */
  documents: ElsewhereDocument[];
}

/** A document another window of the office issued on the case, and whether this window holds it (to print and serve here). */
export interface ElsewhereDocument {
  number: string;
  type: DocumentType;
  workstation: string;
  clerk: string;
  at: string;
  held: boolean;
  /** The window whose proof of service covers it, if one does. */
  servedAt: string | null;
}
