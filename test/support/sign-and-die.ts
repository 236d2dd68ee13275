/**
 * A window that signs one verification off and is killed (SIGKILL) the moment the record's
 * transaction has committed, before any sync could send it: `sign-and-die.ts STORE KEYHEX`.
 */
import { join } from 'node:path';
import { openAppStore } from '../../src/main/core/boot';
import { getCase } from '../../src/main/core/cases/cases';
import { chinaDate } from '../../src/main/core/cases/handlers';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { checklistFor } from '../../src/main/core/verification/materials';
import { emptyDraft, signOff } from '../../src/main/core/verification/records';

const [dbPath, keyHex] = process.argv.slice(2);
const db = await openAppStore({ dbPath, key: Buffer.from(keyHex, 'hex'), resourcesDir: join(import.meta.dirname, '..', '..', 'resources') });
const today = chinaDate(new Date());
const c = getCase(db, demoCases(today)[0].noticeNo)!;
const draft = { ...emptyDraft(), materials: checklistFor(c).map((i) => ({ code: i.code, evidence: i.expected, fields: {}, note: '' })) };
const record = signOff(db, { noticeNo: c.noticeNo, caseVersion: c.version, outcome: 'approved', draft, reasons: [], supplements: [], override: null, correctionOf: null }, { actor: 'clerk', now: new Date(), today, cardRead: () => null });
process.stdout.write(`record ${record.id}\n`, () => process.kill(process.pid, 'SIGKILL'));
