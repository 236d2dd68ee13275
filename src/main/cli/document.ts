import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { PermitCase } from '../../shared/cases';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { caseSchema } from '../../shared/upstream-contract';
import { DOCUMENT_TYPES, type DocumentType, type ServiceRecipient } from '../../shared/verification';
import { lastDayToBring } from '../core/cases/deadlines';
import { chinaDate, parseDate } from '../core/dates/calendar';
import { grantContent, refusalContent, serviceContent, supplementContent } from '../core/documents/contents';
import { SHIPPED_REGIONS } from '../core/regions/regions';
import { numberPattern, sha256 } from '../core/documents/issuer';
import { formatDecisionNumber } from '../core/documents/numbers';
import { DOCUMENT_TITLES, renderDocumentPdf, type DocumentContent } from '../core/documents/render-document';
import { DEMO_PREFIXES } from '../core/demo/demo-office';
import { getSettings } from '../core/settings/settings';
import { openDataStore } from './data-store';
import { UsageError, asUsage, printJson } from './usage';

/**
 * `document render grant|refusal|supplement|service --case CASE.json --out FILE.pdf [--number TEXT]
 * [--date YYYY-MM-DD] [--reason TEXT]... [--missing TEXT]... [--recipient NAME] [--serves NUMBER]...
 * [--agent-id TEXT --power-of-attorney TEXT] [--data DIR]`: renders a document with the app's own
 * renderer from a case in the upstream contract's `Case` shape, on the demo office's letterhead or
 * the one in the settings of `--data DIR`, and prints {"ok":true,"sha256","pages"}. Nothing is
 * issued or numbered: `--number` is printed as given (default: the type's pattern with serial 1).
 */
export async function document(args: string[]): Promise<void> {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        case: { type: 'string' },
        out: { type: 'string' },
        number: { type: 'string' },
        date: { type: 'string' },
        reason: { type: 'string', multiple: true },
        missing: { type: 'string', multiple: true },
        recipient: { type: 'string' },
        serves: { type: 'string', multiple: true },
        'agent-id': { type: 'string' },
        'power-of-attorney': { type: 'string' },
        data: { type: 'string' },
      },
    }),
  );
  const [sub, type, ...extra] = positionals;
  if (sub !== 'render' || !DOCUMENT_TYPES.includes(type as DocumentType) || extra.length) {
    throw new UsageError('the document command is "document render grant|refusal|supplement|service --case CASE.json --out FILE.pdf"');
  }
  const t = type as DocumentType;
  if (!values.case) throw new UsageError('--case CASE.json is required');
  if (!values.out) throw new UsageError('--out FILE.pdf is required');
  const c = readCase(values.case);
  const day = values.date ?? chinaDate(new Date());
  if (parseDate(day) === null) throw new UsageError(`--date must be a date YYYY-MM-DD that exists, not ${JSON.stringify(day.slice(0, 40))}`);
  const settings = officeSettings(values.data);
  const reasons = texts(values.reason, '--reason', t === 'refusal');
  const missing = texts(values.missing, '--missing', t === 'supplement');
  const serves = texts(values.serves, '--serves', t === 'service');
  const prefix = DEMO_PREFIXES.find(([x]) => x === t)![1];
  const number = values.number?.trim() || formatDecisionNumber(numberPattern(settings, t), { prefix, year: Number(day.slice(0, 4)), serial: 1 });
  if (number.length > 80) throw new UsageError('--number is at most 80 characters');
  const at = { number, issuedOn: day };
  let content: DocumentContent;
  if (t === 'grant') content = grantContent(c, settings, at, null, SHIPPED_REGIONS);
  else if (t === 'refusal') content = refusalContent(c, settings, at, reasons);
  else if (t === 'supplement') content = supplementContent(c, settings, at, missing, lastDayToBring(c, day, settings.deadlineNearDays));
  else content = serviceContent(c, settings, at, { served: serves.map((n) => ({ number: n, title: titleOf(n) })), recipient: recipientOf(values, c), server: settings.authorityName, signature: null });
  const { pdf, pages } = await renderDocumentPdf(content);
  try {
    writeFileSync(values.out, pdf);
  } catch (err) {
    throw new UsageError(`cannot write ${values.out}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  printJson({ ok: true, sha256: sha256(pdf), pages });
}

function readCase(file: string): PermitCase {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the case ${file}: ${(err as NodeJS.ErrnoException).code ?? 'not JSON'}`);
  }
  const parsed = caseSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UsageError(`the case ${file} is not an upstream Case: ${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  return parsed.data as unknown as PermitCase;
}

/** The letterhead and patterns: the demo office's, or those of the store in `--data DIR`. */
function officeSettings(dir: string | undefined): Settings {
  if (dir === undefined) return DEFAULT_SETTINGS;
  const { db } = openDataStore(dir);
  try {
    return getSettings(db);
  } finally {
    db.close();
  }
}

function texts(list: string[] | undefined, option: string, required: boolean): string[] {
  const out = (list ?? []).map((s) => s.trim()).filter(Boolean);
  if (required && !out.length) throw new UsageError(`${option} TEXT is required (repeat it for each)`);
  if (out.length > 30) throw new UsageError(`${option} is given at most 30 times`);
  for (const s of out) if (s.length > 500) throw new UsageError(`${option} is at most 500 characters`);
  return out;
}

/** A served number's document, told by the prefix the reference server and the demo give each type; any other is named generally. */
function titleOf(number: string): { zh: string; en: string } {
  if (number.includes('不许字')) return DOCUMENT_TITLES.refusal;
  if (number.includes('补字')) return DOCUMENT_TITLES.supplement;
  if (number.includes('许字')) return DOCUMENT_TITLES.grant;
  return { zh: '行政许可文书', en: 'Administrative licensing document' };
}

function recipientOf(values: { recipient?: string; 'agent-id'?: string; 'power-of-attorney'?: string }, c: PermitCase): ServiceRecipient {
  const name = values.recipient?.trim() || c.applicant.name;
  if (values['agent-id'] || values['power-of-attorney']) {
    if (!values['agent-id'] || !values['power-of-attorney']) throw new UsageError('an agent is given with both --agent-id and --power-of-attorney');
    return { kind: 'agent', name, agentIdType: '身份证件 ID', agentIdNo: values['agent-id'], powerOfAttorney: values['power-of-attorney'] };
  }
  return { kind: 'applicant', name };
}
