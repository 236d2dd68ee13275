/**
 * The whole API between the UI and the core, in one place: every call is a key of `Handlers`, built
 * from one type per capability. Both hosts (Electron IPC, the web host's WebSocket) carry exactly
 * these calls, and the core validates every payload where it enters.
 */
import type { Account, AccountListing, Role, SessionState } from './accounts';
import type { AuditCheck, AuditEntryView } from './audit';
import type { CaseSummary, CaseView, FieldDifference } from './cases';
import type { ApiResult } from './errors';
import type { Worklist, WorklistFilter } from './worklists';
import type { ApplicantView, DisplayStatus, PairingCode } from './applicant';
import type { DayReview, Register, RegisterPeriodKind } from './register';
import type { CoreEvent, DeviceHealth, PermitScanResult, ScanLogEntry, ScanSource, ScannerState, TrustStatus } from './permit-qr';
import type { AppInfo, Settings } from './settings';
import type { CardDifference, SscCardData } from './ssc-card';
import type { CscaListStatus, EvidenceImageView } from './evidence';
import type { ChipKeySource } from './passport';
import type { CallbackWay, FollowUpView } from './follow-ups';
import type { OutboxProblem, SyncState } from './sync';
import type { ElsewhereView, DecisionView, DocumentType, NumberBlock, Outcome, PhotoCheckResult, ServiceRecipient, SignatureStrokes, VerificationDraft, VerificationRecord, VerificationView } from './verification';

type Empty = Record<string, never>;

export interface AppHandlers {
  /** Open to everyone: what the sign-in screen needs. */
  'app.info': (p: Empty) => AppInfo;
}

export interface SessionHandlers {
  'session.state': (p: Empty) => SessionState;
  'session.signIn': (p: { username: string; password: string }) => SessionState;
  'session.signOut': (p: Empty) => SessionState;
  'session.lock': (p: Empty) => SessionState;
  'session.unlock': (p: { password: string }) => SessionState;
  /** Tells the core the user is active, so its own idle check does not lock a busy screen. */
  'session.touch': (p: Empty) => SessionState;
  /** The user's own new password, with the one in use (after a reset: the temporary one). */
  'session.changePassword': (p: { currentPassword: string; newPassword: string }) => SessionState;
}

export interface CasesHandlers {
  'cases.search': (p: { query: string; limit?: number }) => CaseSummary[];
  'cases.get': (p: { noticeNo: string }) => CaseView;
  /**
   * A scanned notice opens its case: the QR is verified (and logged), its case found by notice number
   * (or a reference's notice or permit number), and the fields where QR and case differ listed.
   */
  'cases.openFromScan': (p: { text: string; source: ScanSource }) => { scan: PermitScanResult; case: CaseView | null; differences: FieldDifference[] };
}

export interface WorklistsHandlers {
  /** The clerk's home: today's work counted by kind and urgency, and the items the filters select, most urgent first. */
  'worklists.today': (p: { filter: WorklistFilter; limit?: number }) => Worklist;
}

export interface AccountsHandlers {
  'accounts.list': (p: Empty) => AccountListing[];
  /** Ends a lockout after wrong passwords (a supervisor for clerks and police, an administrator for anyone). */
  'accounts.unlock': (p: { username: string }) => AccountListing;
  /** Sets a temporary password the user must replace at the next sign-in; ends a lockout too. */
  'accounts.resetPassword': (p: { username: string; temporaryPassword: string }) => AccountListing;
  'accounts.create': (p: { username: string; displayName: string; role: Role; password: string }) => Account;
}

export interface AuditHandlers {
  'audit.list': (p: { limit?: number; beforeSeq?: number; actor?: string; action?: string; from?: string; to?: string }) => AuditEntryView[];
  'audit.verify': (p: Empty) => AuditCheck;
}

export interface SettingsHandlers {
  'settings.get': (p: Empty) => Settings;
  /** `upstreamToken` is written to the encrypted store apart from the settings, and never returned. */
  'settings.update': (p: Partial<Settings> & { upstreamToken?: string }) => Settings;
}

export interface PermitQrHandlers {
  /** Verifies a scanned text against the cached trust data with the trusted clock, and logs the scan. */
  'permitQr.verify': (p: { text: string; source: ScanSource }) => PermitScanResult;
  'permitQr.log': (p: { limit?: number }) => ScanLogEntry[];
  /** Prints the slip of this session's last scan on the window's printer. */
  'permitQr.printSlip': (p: Empty) => { printer: string; jobId: string };
  'permitQr.trustStatus': (p: Empty) => TrustStatus | null;
  /** An admin loads a trust list (and optionally a revocation list) from files. */
  'permitQr.importTrustList': (p: { trustList: string; revocations?: string }) => TrustStatus | null;
  /** The serial or HID scanner the core reads, if one is set. */
  'permitQr.scannerState': (p: Empty) => ScannerState;
}

export interface CardsHandlers {
  /**
   * Matches a card the core read against the open case (or, with no case open, finds the case by the
   * card's social security number).
   */
  'cards.match': (p: { readId: number; noticeNo?: string }) => { card: SscCardData; case: CaseView | null; differences: CardDifference[] };
}

export interface DevicesHandlers {
  'devices.health': (p: Empty) => DeviceHealth;
  /** A report for the office's IT: versions, device settings and states; no personal data. */
  'devices.diagnostics': (p: Empty) => string;
}

/** A supervisor's username and password, typed at the clerk's screen to authorise an override or a void. */
export interface SupervisorAuthorisation {
  username: string;
  password: string;
}

export interface VerificationHandlers {
  /** The checklist, the saved draft and what a machine concludes from it, the records and decisions. */
  'verification.get': (p: { noticeNo: string }) => VerificationView;
  /** Saves what the clerk entered so far (nothing is lost on a crash or a lock) and assesses it again. */
  /** What the office's other windows did on the case, as the authority says now (asked online, a few seconds at most). */
  'verification.elsewhere': (p: { noticeNo: string }) => ElsewhereView;
  /** A visit continuing here after another window asked for supplements: the draft filled in from that window's record. */
  'verification.fromOffice': (p: { noticeNo: string }) => VerificationView;
  /** Takes here the documents other windows issued on the case, to print and serve them at this window. */
  'verification.takeFromOffice': (p: { noticeNo: string }) => VerificationView;
  'verification.saveDraft': (p: { noticeNo: string; draft: VerificationDraft }) => VerificationView;
  /** Checks an applicant photo file (base64 JPEG) against the published format, and keeps the result for the case's draft to name. */
  'verification.checkPhoto': (p: { noticeNo: string; base64: string }) => PhotoCheckResult;
  /**
   * Signs the verification off: approve (blocked ones need a supervisor's override with a reason),
   * ask for supplements (listed), or reject (reasons). A correction names the record it corrects.
   */
  'verification.signOff': (p: {
    noticeNo: string;
    caseVersion: number;
    outcome: Outcome;
    draft: VerificationDraft;
    reasons: string[];
    supplements: string[];
    override?: SupervisorAuthorisation & { reason: string };
    correctionOf?: string;
  }) => VerificationRecord;
}

/** Passports' chips: the CSCA list they are checked against. */
export interface PassportHandlers {
  /** The CSCA list passports' chips are checked against: its source, who signed it (null: an administrator's import, on their word), its age. */
  'passport.cscaStatus': (p: Empty) => CscaListStatus | null;
  /** An administrator imports CSCAs: a PEM bundle or an ICAO master list (base64), taken on their word and audited. */
  'passport.importCscas': (p: { base64: string }) => CscaListStatus | null;
}

/** The passport's chip at the window: what a passport laid on the reader is expected to be. */
export interface ChipHandlers {
  /**
   * The screen says what it is open on (a clerk's verification of a case, or the police screen's MRZ
   * line), or nothing (null): a passport laid on the reader is opened with the key that gives. The answer
   * says where that key comes from, or null when there is none yet (the screen then asks for the MRZ or
   * the expiry date).
   */
  'passport.expect': (p: { noticeNo?: string; expiryDate?: string; mrz?: string }) => { key: ChipKeySource | null };
}

/** Images of the originals taken at the verification (a document camera, or an image file). */
export interface CaptureHandlers {
  /**
   * Takes the image of a material's original for the case's visit: the frame the screen took from a UVC
   * camera (`base64`), or, without it, a picture from the vendor's capture service in Settings. The page
   * is found and straightened, kept encrypted, and its MRZ read (passport, visa); a retake replaces the
   * material's image.
   */
  'verification.capture': (p: { noticeNo: string; material: string; base64?: string; device?: string }) => VerificationView;
  /** Drops an image the visit took (a signed-off record's images are kept). */
  'verification.dropImage': (p: { noticeNo: string; id: string }) => VerificationView;
  /** An image's JPEG as a data URL: the visit's own for its clerk, any of the case's for a supervisor. */
  'evidence.image': (p: { id: string }) => { id: string; dataUrl: string | null; purgedAt: string | null };
  /** Every image of a case with its record (the supervisor's case view). */
  'evidence.ofCase': (p: { noticeNo: string }) => EvidenceImageView[];
}

export interface DecisionsHandlers {
  'decisions.issue': (p: { verificationId: string }) => DecisionView;
  /** Prints (or reprints, marked COPY) to the printer in settings and waits for the spooler's outcome. */
  'decisions.print': (p: { id: number }) => DecisionView;
  /** The clerk says whether a print whose outcome the spooler could not give came out. */
  'decisions.confirmPrint': (p: { printId: number; printed: boolean }) => DecisionView;
  'decisions.void': (p: { id: number; reason: string; supervisor: SupervisorAuthorisation }) => DecisionView;
  /** The archived PDF (base64) and its SHA-256, to view or save. */
  'decisions.pdf': (p: { id: number }) => { number: string; sha256: string; base64: string };
  /** The refusal decision on a rejected record, with the reasons as the clerk wrote them. */
  'decisions.issueRefusal': (p: { verificationId: string }) => DecisionView;
  /** The supplement notice on a supplement record: each material and what is wrong, and the last day to bring them. */
  'decisions.issueSupplementNotice': (p: { verificationId: string }) => DecisionView;
  /** The proof of service of documents of one case handed over at the window, signed on screen or on paper. */
  'decisions.recordService': (p: {
    documentIds: number[];
    recipient: ServiceRecipient;
    method: 'window';
    signature: SignatureStrokes | null;
  }) => DecisionView;
  'decisions.numberBlocks': (p: Empty) => NumberBlock[];
  'decisions.addNumberBlock': (p: { type?: DocumentType; prefix: string; year: number; from: number; to: number }) => NumberBlock;
}

export interface SyncHandlers {
  /** Readiness: online or not, last sync, outbox, decision numbers, trust list age, clock. */
  'sync.state': (p: Empty) => SyncState;
  'sync.runNow': (p: Empty) => SyncState;
  /** Records the server refused (409) or found invalid (422). */
  'sync.problems': (p: Empty) => OutboxProblem[];
  'sync.resolve': (p: { id: number; note: string }) => OutboxProblem[];
  /** The workstation's bearer token for the upstream system; written, never read back. */
  'sync.setToken': (p: { token: string }) => SyncState;
  /** The admin takes the server's time that disagreed with this PC's past the limit (audited). */
  'sync.acceptServerClock': (p: Record<string, never>) => SyncState;
}

export interface WorkdaysHandlers {
  /** The years whose holiday schedule the app knows, and where each came from. */
  'workdays.status': (p: Empty) => { year: number; source: 'shipped' | 'upstream' | 'import' }[];
  /** An admin imports a year's schedule `{year, holidays, workdays}` (JSON text), audited. */
  'workdays.importSchedule': (p: { schedule: string }) => { year: number; source: 'shipped' | 'upstream' | 'import' }[];
}

export interface RegionsHandlers {
  /** The GB/T 2260 table in use: its source, data date, size, and whether it is the one shipped. */
  'regions.status': (p: Empty) => RegionTableStatus;
  /** An admin imports a newer table (JSON text in the shipped file's shape), audited. */
  'regions.importTable': (p: { table: string }) => RegionTableStatus;
}

export interface RegionTableStatus {
  source: string;
  dataDate: string;
  codes: number;
  shipped: boolean;
}

export interface ApplicantHandlers {
  /** The clerk asks for a one-time code to pair a display (a second window, a tablet). */
  'applicant.pair': (p: Empty) => PairingCode;
  /** The display, with the code from the clerk's screen: paired to that clerk; the code is spent. */
  'applicant.join': (p: { code: string }) => ApplicantView;
  /** What the paired display shows now. */
  'applicant.view': (p: Empty) => ApplicantView;
  /** The clerk's window opens a visit on the display (the case the clerk has open), or ends it (null). */
  'applicant.show': (p: { noticeNo: string | null; queueNo?: string | null }) => DisplayStatus;
  /** The clerk asks the applicant to evaluate the service. */
  'applicant.askEvaluation': (p: Empty) => DisplayStatus;
  /** The display's evaluation of the visit: stored, audited, sent upstream; once per visit. */
  'applicant.evaluate': (p: { visitId: string; grade: number; reasons: string[] }) => ApplicantView;
  /** The clerk's view of the display. */
  'applicant.status': (p: Empty) => DisplayStatus;
}

export interface RegisterHandlers {
  /** The window's register over Beijing days [from, to] by day, week or month (at most 400 days). */
  'register.report': (p: { from: string; to: string; by: RegisterPeriodKind; scope?: 'window' | 'office' }) => Register;
  /** The same as an XLSX workbook (base64). */
  'register.xlsx': (p: { from: string; to: string; by: RegisterPeriodKind; scope?: 'window' | 'office' }) => { filename: string; base64: string };
  /** The same as a PDF for the office's file (base64). */
  'register.pdf': (p: { from: string; to: string; by: RegisterPeriodKind; scope?: 'window' | 'office' }) => { filename: string; base64: string };
  /** The supervisor signs a day's figures as they stand (once per day), audited. */
  'register.signDay': (p: { day: string; note: string }) => DayReview;
}

/** Dissatisfied evaluations followed up by the office's supervisors. */
export interface FollowUpHandlers {
  /** Every follow-up: open and overdue first (soonest due first), then the closed. */
  'followUps.list': (p: Empty) => FollowUpView[];
  /** What was checked, what was put right and the callback, saved as the supervisor goes (audited). */
  'followUps.save': (p: { evaluationId: string; checked: string; putRight: string; callback: { on: string | null; how: CallbackWay | null; said: string } }) => FollowUpView;
  /** Closes it, every part required; audited and sent to the authority with the evaluation's id. */
  'followUps.close': (p: { evaluationId: string; checked: string; putRight: string; callback: { on: string | null; how: CallbackWay | null; said: string } }) => FollowUpView;
}

export type Handlers = AppHandlers &
  FollowUpHandlers &
  RegisterHandlers &
  ApplicantHandlers &
  SessionHandlers &
  CasesHandlers &
  WorklistsHandlers &
  AccountsHandlers &
  AuditHandlers &
  SettingsHandlers &
  PermitQrHandlers &
  CardsHandlers &
  DevicesHandlers &
  VerificationHandlers &
  CaptureHandlers &
  PassportHandlers &
  ChipHandlers &
  DecisionsHandlers &
  SyncHandlers &
  WorkdaysHandlers &
  RegionsHandlers;

export type Method = keyof Handlers;
export type Params<M extends Method> = Parameters<Handlers[M]>[0];
export type Result<M extends Method> = ReturnType<Handlers[M]>;

/** What a host gives the renderer: one function, the same in Electron and in the browser. */
export type ApiCall = <M extends Method>(method: M, params: Params<M>) => Promise<ApiResult<Result<M>>>;

/** The wire form of a call and its answer (WebSocket frames, IPC arguments). */
export interface CallFrame {
  id: number;
  method: string;
  params: unknown;
}

/**
 * The largest frame the web host's WebSocket takes (a call or an answer); the client refuses to send
 * a larger call itself, with an error, rather than lose the connection (and the session) to it.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export interface AnswerFrame {
  id: number | null;
  result: ApiResult<unknown>;
}

/** A frame the core pushes without being asked (a scan from a serial or HID scanner). */
export interface EventFrame {
  event: CoreEvent;
}
