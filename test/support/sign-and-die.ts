/**
 * A window that signs one verification off and is killed (SIGKILL) the moment the record's
 * transaction has committed, before any sync could send it: `sign-and-die.ts STORE KEYHEX AUDITKEYHEX`.
 */
import { join } from 'node:path';
import { openAppStore } from '../../src/main/core/boot';
import { getCase } from '../../src/main/core/cases/cases';
import { chinaDate } from '../../src/main/core/dates/calendar';
import { demoCases } from '../../src/main/core/demo/demo-cases';
import { approveWithAllOriginals } from '../../src/main/core/verification/test-records';

const [dbPath, keyHex, auditKeyHex] = process.argv.slice(2);
const db = await openAppStore({ dbPath, key: Buffer.from(keyHex, 'hex'), auditKey: Buffer.from(auditKeyHex, 'hex'), resourcesDir: join(import.meta.dirname, '..', '..', 'resources') });
const record = approveWithAllOriginals(db, getCase(db, demoCases(chinaDate(new Date()))[0].noticeNo)!);
process.stdout.write(`record ${record.id}\n`, () => process.kill(process.pid, 'SIGKILL'));
