import type { ChipRead } from './passport';
import type { LegacyPermitCard } from './cases';
import type { RegionName } from './regions';
import type { SecretsWhere } from './secrets';
import type { SyncState } from './sync';
import type { CardErrorCode, SscCardData } from './ssc-card';
/** The ten verdicts of permit-qr.md §4: every scan ends in exactly one. */
export type PermitVerdict =
  | 'VALID'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'REVOKED'
  | 'SIGNATURE_INVALID'
  | 'UNKNOWN_SIGNER'
  | 'MALFORMED'
  | 'UNSUPPORTED'
  | 'REFERENCE'
  | 'NOT_A_PERMIT';

export const PERMIT_VERDICTS: readonly PermitVerdict[] = [
  'VALID',
  'EXPIRED',
  'NOT_YET_VALID',
  'REVOKED',
  'SIGNATURE_INVALID',
  'UNKNOWN_SIGNER',
  'MALFORMED',
  'UNSUPPORTED',
  'REFERENCE',
  'NOT_A_PERMIT',
];

/** Where decoding stopped, for MALFORMED and UNSUPPORTED. */
export type DecodeStage = 'prefix' | 'base45' | 'zlib' | 'cbor' | 'cose' | 'claims';

/** The permit as the QR's `wp` claim carries it (permit-qr.md §2), keys as in the spec. */
export interface PermitFields {
  v: number;
  nn: string;
  pn: string;
  cat: 'A' | 'B' | 'C';
  nm: string;
  nmz?: string;
  nat: string;
  dob: string;
  sex: 'M' | 'F' | 'X';
  ppn: string;
  emp: string;
  uscc: string;
  pos: string;
  loc: string;
  vf: string;
  vt: string;
  ssn?: string;
}

export interface PermitCheck {
  verdict: PermitVerdict;
  /** For MALFORMED and UNSUPPORTED: the stage that failed. */
  stage?: DecodeStage;
  /** For VALID, EXPIRED, NOT_YET_VALID and REVOKED only; reliable only when VALID. */
  permit?: PermitFields;
  /** For REFERENCE: the notice or permit number found. */
  reference?: string;
  referenceKind?: 'notice' | 'permit';
  /** Claims of a decoded permit: issuing authority, issued at and QR expiry (RFC 3339). */
  issuer?: string;
  issuedAt?: string;
  expiresAt?: string;
  /** The trust list the verdict was reached with. */
  trustListVersion?: number;
  /** True when that trust list is older than the configured staleness limit. */
  trustListStale?: boolean;
  /** A short explanation in English, for logs and support; the UI words the verdict itself. */
  detail?: string;
}

/** Where a scanned text came from. */
export type ScanSource = 'camera' | 'image' | 'wedge' | 'hid' | 'serial' | 'typed';

export const SCAN_SOURCES: readonly ScanSource[] = ['camera', 'image', 'wedge', 'hid', 'serial', 'typed'];

export interface PermitScanResult {
  check: PermitCheck;
  /** The permit's work place (`loc`) by name, when the QR carries one. */
  place: RegionName | null;
  /** A reference (typed or scanned) that names a permit of the old physical card, found in this window's cases. */
  legacyCard: LegacyPermitCard | null;
  scannedAt: string;
  officer: string;
  officerName: string;
}

export interface ScanLogEntry {
  id: number;
  at: string;
  officer: string;
  source: ScanSource;
  verdict: PermitVerdict;
  permitNo: string | null;
}

/** A trust list entry left out (permit-qr.md §3): an algorithm this build does not know, or a malformed entry. */
export interface LeftOutSigner {
  /** Its place in the list's `signers`, from 0. */
  index: number;
  kid: string | null;
  alg: string | null;
  issuer: string | null;
  reason: 'unsupported-algorithm' | 'malformed';
  /** In English, for support. */
  detail: string;
}

export interface TrustStatus {
  version: number;
  issuedAt: string;
  source: string;
  /** The signers in force. */
  signers: number;
  /** The list's entries that are not in force, and why. */
  leftOut: LeftOutSigner[];
  revocationVersion: number | null;
  revoked: number;
  ageDays: number;
  stale: boolean;
  /** The trust root whose signature the list in force carries; null for the installation's own demo list. */
  signedBy: string | null;
  /** The trust roots pinned in this installation, against which every list is checked. */
  roots: PinnedRoot[];
}

export interface PinnedRoot {
  kid: string;
  alg: string;
  name: string | null;
  /** The demo root, which no office should keep pinned in production. */
  demo: boolean;
}

/** A barcode scanner connected to the core (serial or HID), as the UI sees it. */
export interface ScannerState {
  kind: 'none' | 'serial' | 'hid';
  state: 'off' | 'connecting' | 'connected' | 'disconnected';
  device: string | null;
  lastError: string | null;
}

/** Events the core pushes to the UI of the same machine. */
export type CoreEvent =
  | { type: 'scanner.scan'; text: string; source: 'serial' | 'hid' }
  /** A passport reader on the scanner's port sent the two rows of an MRZ. */
  | { type: 'passport.mrz'; line1: string; line2: string; source: 'serial' | 'hid' }
  | { type: 'scanner.state'; scanner: ScannerState }
  /** A card was inserted and read; `readId` names the read for `cards.match`. */
  | { type: 'card.read'; readId: number; card: SscCardData }
  | { type: 'card.error'; code: CardErrorCode; message: string }
  | { type: 'card.removed' }
  | { type: 'card.state'; reader: CardReaderState }
  /** A passport's chip was read (or could not be opened) at the window, for the case the window expected, if any. */
  | { type: 'passport.read'; read: ChipRead }
  /** A dissatisfied evaluation (grade 1–2) opened its follow-up: for supervisors, at once. */
  | { type: 'follow-up.opened'; evaluationId: string; noticeNo: string; grade: 1 | 2; clerk: string; dueDay: string }
  /** The applicant's display changed (paired, a visit opened or ended, an evaluation taken): ask again. */
  | { type: 'applicant.changed' }
  /** A pull from upstream changed a case's status (withdrawn, revoked, verified elsewhere…). */
  | { type: 'case.changed'; noticeNo: string; status: string; previous: string }
  /** Another window's documents of a case reached this window (its proof of service of this window's document, a void there). */
  | { type: 'case.documents'; noticeNo: string }
  /** The link to upstream: state after each sync, and after the outbox changes. */
  | { type: 'sync.state'; sync: SyncState };

/** The card reading at this window, as the device panel shows it (no card data). */
export interface CardReaderState {
  enabled: boolean;
  /** The reader's transport and its name or port, as the settings choose it. */
  transport: 'pcsc' | 'serial' | 'hid' | null;
  device: string | null;
  state: 'off' | 'waiting' | 'card-in' | 'unavailable';
  /** The reader the card was last read in, and the PSAM's. */
  cardReader: string | null;
  psamReader: string | null;
  lastError: { code: string; at: string } | null;
}

export interface PrinterState {
  name: string;
  state: 'idle' | 'printing' | 'disabled' | 'unknown';
  isDefault: boolean;
}

/** The printer decisions go to, and how it came to be: set in Settings, or picked at the first start as the system's default or its only printer. */
export interface DecisionPrinter {
  name: string;
  how: 'settings' | 'default' | 'only';
}

/** The device panel: every device at the window with its state and last error. */
export interface DeviceHealth {
  scanner: ScannerState;
  cardReader: CardReaderState;
  printers: { available: boolean; list: PrinterState[]; error: string | null; system: string };
  /** Where decisions will really print; null when no printer is set up. */
  decisionPrinter: DecisionPrinter | null;
  /** Whether the spooler keeps a copy of each printed decision (outside the encrypted store); null with no printer. */
  decisionCopies: { kept: boolean | null; detail: string } | null;
  /** Where the store key, the token and the audit key are kept: the OS key store, or the fallback files. */
  secrets: SecretsWhere;
  checkedAt: string;
}
