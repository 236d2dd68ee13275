import type { CaptureMode, DocumentCameraKind } from './evidence';
export type Language = 'zh-CN' | 'en';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

/** Settings that survive restarts, kept in the store. */
export interface Settings {
  officeName: string;
  /** The language the app starts in; each user can switch at any time. */
  defaultLanguage: Language;
  idleLockMinutes: number;
  /** Days before the 30-day deadline shown as "near". */
  deadlineNearDays: number;
  /** Days the police scan log keeps an entry before it is purged. */
  scanLogDays: number;
  /** A trust list older than this many days makes every verdict say so. */
  trustListStaleDays: number;
  /** A keyboard-wedge scanner types faster than this many milliseconds between keys. */
  wedgeMaxGapMs: number;
  /** A barcode scanner the core reads itself: none, serial (USB-serial mode) or HID POS. */
  scannerKind: 'none' | 'serial' | 'hid';
  /** The serial port (COM3, /dev/ttyACM0) or the HID device path; empty for the first HID POS scanner. */
  scannerPath: string;
  scannerBaudRate: number;
  /** The social security card reader at the window, by transport ("none" to leave readers alone). */
  cardReader: 'none' | 'pcsc' | 'serial' | 'hid';
  /** PC/SC: the card reader's name (or a part of it); empty for the first reader that is not a SAM slot. */
  cardReaderName: string;
  /** PC/SC: the PSAM's reader slot (or a part of its name); empty for the reader's SAM slot, if any. */
  psamReaderName: string;
  /** Serial: the reader's port (COM4, /dev/ttyUSB0). */
  cardReaderPort: string;
  cardReaderBaudRate: number;
  /** HID: the reader's device path. */
  cardReaderHidPath: string;
  /** The office and window, as the upstream system knows them (a record's `workstation`). */
  officeCode: string;
  windowNo: string;
  /** The office's windows by number, comma-separated (1,2,3): the office register names those not signed for a day; empty: the windows seen. */
  officeWindows: string;
  /** The decision's letterhead: the licensing authority in Chinese and English, address and telephone. */
  authorityName: string;
  authorityNameEn: string;
  officeAddress: string;
  officePhone: string;
  /** How a decision number is written: {prefix}, {year} and {number:N} (N digits, zero-padded). */
  decisionNumberPattern: string;
  /** The same for the refusal decision, the supplement notice and the proof of service, each numbered from its own blocks. */
  refusalNumberPattern: string;
  supplementNumberPattern: string;
  serviceNumberPattern: string;
  /** Where an applicant applies for administrative reconsideration of a decision, and sues, in Chinese and English (the refusal prints them). */
  reconsiderationBody: string;
  reconsiderationBodyEn: string;
  litigationCourt: string;
  litigationCourtEn: string;
  /** The acceptance window and its hours, in Chinese and English (the supplement notice prints them). */
  windowHours: string;
  windowHoursEn: string;
  /** The printer decisions go to; empty for the system's default printer. */
  printer: string;
  /** How long to wait for the spooler to say a job completed before it counts as failed. */
  printTimeoutSeconds: number;
  /** Months a Work Permit Notice may be used after its issue date (national template: 6). */
  noticeValidMonths: number;
  /** Months a medical report stays recent enough (6). */
  medicalValidMonths: number;
  /** The permit authority's system (upstream-api.md); empty: the app works on its own data alone. The token is kept apart. */
  upstreamUrl: string;
  /**
   * The office's own CA certificates (PEM) the authority's server certificate must chain to; empty:
   * the system's roots. An https:// address is required, except to this computer (loopback).
   */
  upstreamCaCertificates: string;
  /** Optional pins: base64 SHA-256 of a SubjectPublicKeyInfo, one of which the server's chain must hold. */
  upstreamPins: string[];
  /** How far (minutes) the server's clock may be from this PC's before its time is not taken without an admin. */
  clockMaxOffsetMinutes: number;
  /** Seconds between background sync rounds, and the time one request may take. */
  syncIntervalSeconds: number;
  upstreamTimeoutSeconds: number;
  /** Minutes after the last successful sync from which the app warns that its data is stale. */
  syncStaleMinutes: number;
  /** Below this many decision numbers left, a block of `decisionNumbersBatch` more is reserved. */
  decisionNumbersLow: number;
  decisionNumbersBatch: number;
  /** The document camera at the window: a UVC camera (chosen by name), a vendor's local capture service, or none. */
  documentCamera: DocumentCameraKind;
  /** UVC: the camera's name as the system gives it (or a part of it); empty for the first that is not the QR camera. */
  documentCameraName: string;
  /** A vendor's capture service: its address on this computer (Eloam's WebCamera: http://127.0.0.1:38088). */
  documentCameraUrl: string;
  /** Per material code: whether its image is required (approval waits for it), optional or not taken; absent: optional. */
  captureModes: Record<string, CaptureMode>;
  /** Days an image's bytes are kept here after the authority acknowledged it; its hash and thumbnail stay. */
  evidenceKeepDays: number;
  /** Working days a dissatisfied evaluation's follow-up is due in (the province's limit; Sichuan's is 15). */
  followUpWorkingDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  officeName: '示范人社局外国人工作许可受理窗口 Demo Office',
  defaultLanguage: 'zh-CN',
  // Reading paper originals takes time: 10 minutes without input before the screen locks (a setting).
  idleLockMinutes: 10,
  deadlineNearDays: 7,
  scanLogDays: 30,
  trustListStaleDays: 30,
  wedgeMaxGapMs: 35,
  scannerKind: 'none',
  scannerPath: '',
  scannerBaudRate: 9600,
  cardReader: 'none',
  cardReaderName: '',
  psamReaderName: '',
  cardReaderPort: '',
  cardReaderBaudRate: 115200,
  cardReaderHidPath: '',
  officeCode: 'DEMO',
  windowNo: '1',
  officeWindows: '',
  authorityName: '示范市人力资源和社会保障局',
  authorityNameEn: 'Demo Municipal Human Resources and Social Security Bureau',
  officeAddress: '示范市人民路1号 1 Renmin Road, Demo City',
  officePhone: '010-00000000',
  decisionNumberPattern: '{prefix}〔{year}〕第{number:6}号',
  refusalNumberPattern: '{prefix}〔{year}〕第{number:6}号',
  supplementNumberPattern: '{prefix}〔{year}〕第{number:6}号',
  serviceNumberPattern: '{prefix}〔{year}〕第{number:6}号',
  reconsiderationBody: '示范市人民政府',
  reconsiderationBodyEn: 'the People\u2019s Government of Demo City',
  litigationCourt: '示范市人民路区人民法院',
  litigationCourtEn: 'the People\u2019s Court of Renmin Road District, Demo City',
  windowHours: '示范市人民路1号 外国人工作许可受理窗口，周一至周五 9:00–12:00、13:30–17:00（法定节假日除外）',
  windowHoursEn: 'Work permit acceptance window, 1 Renmin Road, Demo City; Monday to Friday 9:00–12:00 and 13:30–17:00, except public holidays',
  printer: '',
  printTimeoutSeconds: 60,
  noticeValidMonths: 6,
  medicalValidMonths: 6,
  upstreamUrl: '',
  upstreamCaCertificates: '',
  upstreamPins: [],
  clockMaxOffsetMinutes: 10,
  syncIntervalSeconds: 30,
  upstreamTimeoutSeconds: 10,
  syncStaleMinutes: 60,
  decisionNumbersLow: 20,
  decisionNumbersBatch: 100,
  documentCamera: 'uvc',
  documentCameraName: '',
  documentCameraUrl: 'http://127.0.0.1:38088',
  captureModes: {},
  evidenceKeepDays: 90,
  followUpWorkingDays: 15,
};

export interface AppInfo {
  version: string;
  /** True while the store holds the embedded demo office. */
  demo: boolean;
  officeName: string;
  defaultLanguage: Language;
  /** The demo accounts' usernames and passwords, shown on the sign-in screen only in demo mode. */
  demoAccounts: { username: string; password: string; role: string }[];
  /** What the UI needs before sign-in: how to tell a scanner from a typist. */
  wedgeMaxGapMs: number;
}
