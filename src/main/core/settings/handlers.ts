import { z } from 'zod';
import { CAPTURE_MODES } from '../../../shared/evidence';
import type { SettingsHandlers } from '../../../shared/handlers';
import { LANGUAGES } from '../../../shared/settings';
import type { HandlerTable } from '../calls/handler-spec';
import type { SecretPort } from '../secrets/secret-port';
import { setUpstreamToken } from '../upstream-link/token';
import { getSettings, updateSettings } from './settings';
import { ApiFailure } from '../failures/failure';
import { PIN_PATTERN, readCaCertificates, upstreamAddressProblem } from '../upstream-link/upstream-tls';

/**
 * The link to the authority is checked before it is kept: the token and the trust lists travel in it,
 * so an address in clear beyond this computer, or a CA file that is not one, changes nothing.
 */
function checkLink(change: { upstreamUrl?: string; upstreamCaCertificates?: string }): void {
  if (change.upstreamUrl) {
    const problem = upstreamAddressProblem(change.upstreamUrl);
    if (problem === 'not-https') throw new ApiFailure('insecure-address', `the address ${change.upstreamUrl} is http:// beyond this computer: the authority is reached over https:// only`, ['upstreamUrl']);
    if (problem) throw new ApiFailure('invalid-request', `the address ${change.upstreamUrl} is not a usable http(s) URL`, ['upstreamUrl']);
  }
  if (change.upstreamCaCertificates) {
    try {
      readCaCertificates(change.upstreamCaCertificates);
    } catch (err) {
      throw new ApiFailure('bad-ca-file', `the CA file cannot be used: ${(err as Error).message}`, ['upstreamCaCertificates']);
    }
  }
}

/** A document number's pattern: it must hold the serial, or every document would carry the same number. */
const numberPattern = z
  .string()
  .trim()
  .max(80)
  .refine((p) => /\{number(:\d{1,2})?\}/.test(p), 'the pattern must hold {number} or {number:N}');

const settingsChange = z.strictObject({
  officeName: z.string().trim().min(1).max(120).optional(),
  defaultLanguage: z.enum(LANGUAGES).optional(),
  idleLockMinutes: z.number().int().min(1).max(240).optional(),
  deadlineNearDays: z.number().int().min(1).max(29).optional(),
  scanLogDays: z.number().int().min(1).max(3650).optional(),
  trustListStaleDays: z.number().int().min(1).max(365).optional(),
  wedgeMaxGapMs: z.number().int().min(5).max(200).optional(),
  scannerKind: z.enum(['none', 'serial', 'hid']).optional(),
  scannerPath: z.string().max(256).optional(),
  cardReader: z.enum(['none', 'pcsc', 'serial', 'hid']).optional(),
  cardReaderName: z.string().trim().max(200).optional(),
  psamReaderName: z.string().trim().max(200).optional(),
  cardReaderPort: z.string().trim().max(256).optional(),
  cardReaderBaudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).optional(),
  cardReaderHidPath: z.string().trim().max(256).optional(),
  officeCode: z.string().trim().min(1).max(32).optional(),
  windowNo: z.string().trim().min(1).max(16).optional(),
  officeWindows: z.string().trim().regex(/^$|^[^/\s,]{1,16}(,\s*[^/\s,]{1,16}){0,49}$/, 'window numbers separated by commas, e.g. 1,2,3').optional(),
  authorityName: z.string().trim().min(1).max(120).optional(),
  authorityNameEn: z.string().trim().max(200).optional(),
  officeAddress: z.string().trim().max(200).optional(),
  officePhone: z.string().trim().max(60).optional(),
  decisionNumberPattern: numberPattern.optional(),
  refusalNumberPattern: numberPattern.optional(),
  supplementNumberPattern: numberPattern.optional(),
  serviceNumberPattern: numberPattern.optional(),
  reconsiderationBody: z.string().trim().min(1).max(120).optional(),
  reconsiderationBodyEn: z.string().trim().max(200).optional(),
  litigationCourt: z.string().trim().min(1).max(120).optional(),
  litigationCourtEn: z.string().trim().max(200).optional(),
  windowHours: z.string().trim().min(1).max(200).optional(),
  windowHoursEn: z.string().trim().max(300).optional(),
  printer: z.string().max(127).regex(/^[^\s/#]*$/, 'a printer name has no spaces, slashes or #').optional(),
  printTimeoutSeconds: z.number().int().min(5).max(600).optional(),
  noticeValidMonths: z.number().int().min(1).max(24).optional(),
  medicalValidMonths: z.number().int().min(1).max(24).optional(),
  upstreamUrl: z
    .string()
    .trim()
    .max(300)
    .refine((u) => u === '' || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(u), 'an http:// or https:// address, or empty')
    .optional(),
  upstreamCaCertificates: z.string().max(200_000).optional(),
  upstreamPins: z.array(z.string().trim().regex(PIN_PATTERN, 'base64 of a SHA-256 (44 characters ending in =)')).max(10).optional(),
  syncIntervalSeconds: z.number().int().min(5).max(3600).optional(),
  clockMaxOffsetMinutes: z.number().int().min(1).max(1440).optional(),
  upstreamTimeoutSeconds: z.number().int().min(1).max(120).optional(),
  syncStaleMinutes: z.number().int().min(1).max(10_080).optional(),
  decisionNumbersLow: z.number().int().min(0).max(10_000).optional(),
  decisionNumbersBatch: z.number().int().min(1).max(10_000).optional(),
  upstreamToken: z.string().trim().min(8).max(500).regex(/^[\x21-\x7e]+$/, 'printable ASCII, no spaces').optional(),
  documentCamera: z.enum(['none', 'uvc', 'eloam']).optional(),
  documentCameraName: z.string().trim().max(200).optional(),
  // A vendor's capture service runs on this computer: the images it gives are taken as the window's
  // own, so no other host is accepted.
  documentCameraUrl: z
    .string()
    .trim()
    .regex(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?\/?$/, 'http:// on this computer (127.0.0.1, localhost or [::1]) with a port')
    .optional(),
  captureModes: z
    .record(z.string().regex(/^[a-z0-9-]{1,64}$/), z.enum(CAPTURE_MODES))
    .refine((m) => Object.keys(m).length <= 40, 'at most 40 materials')
    .optional(),
  evidenceKeepDays: z.number().int().min(1).max(3650).optional(),
  followUpWorkingDays: z.number().int().min(1).max(60).optional(),
  scannerBaudRate: z.union([z.literal(1200), z.literal(2400), z.literal(4800), z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).optional(),
});

export const settingsHandlers: HandlerTable<SettingsHandlers, { secrets: SecretPort | null }> = {
  'settings.get': {
    access: ['admin'],
    input: z.strictObject({}),
    run: ({ db }) => getSettings(db),
  },
  'settings.update': {
    access: ['admin'],
    input: settingsChange,
    run: ({ db, session, now, events, secrets }, { upstreamToken, ...change }) => {
      checkLink(change);
      const settings = db.transaction(() => {
        if (upstreamToken !== undefined) setUpstreamToken(db, upstreamToken, session.account!.username, now(), secrets);
        return updateSettings(db, change, session.account!.username, now());
      })();
      events.emit({ type: 'settings.changed', settings });
      return settings;
    },
  },
};
