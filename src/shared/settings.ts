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
  /** Read social security cards inserted in a PC/SC reader ("none" to leave readers alone). */
  cardReader: 'none' | 'pcsc';
}

export const DEFAULT_SETTINGS: Settings = {
  officeName: '示范人社局外国人工作许可受理窗口 Demo Office',
  defaultLanguage: 'zh-CN',
  idleLockMinutes: 5,
  deadlineNearDays: 7,
  scanLogDays: 30,
  trustListStaleDays: 30,
  wedgeMaxGapMs: 35,
  scannerKind: 'none',
  scannerPath: '',
  scannerBaudRate: 9600,
  cardReader: 'none',
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
