import type { Database } from 'better-sqlite3-multiple-ciphers';
import * as m0010 from './0010-cases';
import * as m0020 from './0020-audit';
import * as m0030 from './0030-accounts';
import * as m0040 from './0040-settings';
import * as m0050 from './0050-trust-lists';
import * as m0060 from './0060-scan-log';
import * as m0070 from './0070-verification';
import * as m0080 from './0080-sync';
import * as m0090 from './0090-signin-guard';
import * as m0100 from './0100-photo-checks';
import * as m0110 from './0110-outbox-by-case';
import * as m0120 from './0120-print-outcomes';
import * as m0130 from './0130-signed-lists';
import * as m0140 from './0140-audit-mac';
import * as m0150 from './0150-holiday-schedules';
import * as m0160 from './0160-documents';
import * as m0170 from './0170-region-tables';
import * as m0180 from './0180-worklists';
import * as m0190 from './0190-evaluations';
import * as m0200 from './0200-register';
import * as m0210 from './0210-password-change';
import * as m0220 from './0220-evidence-images';
import * as m0230 from './0230-csca-lists';
import * as m0240 from './0240-number-block-sources';
import * as m0250 from './0250-evaluation-follow-ups';
import * as m0260 from './0260-register-days';
import * as m0270 from './0270-case-documents';
import * as m0280 from './0280-office-documents';

/** Forward-only, in order; the position in this list is the schema version it leads to. */
export const MIGRATIONS: ReadonlyArray<{ up: (db: Database) => void }> = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0080, m0090, m0100, m0110, m0120, m0130, m0140, m0150, m0160, m0170, m0180, m0190, m0200, m0210, m0220, m0230, m0240, m0250, m0260, m0270, m0280];

export const SCHEMA_VERSION = MIGRATIONS.length;
