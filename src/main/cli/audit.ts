import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bindAuditKey } from '../core/audit/audit-key';
import { checkAuditChain } from '../core/audit-check/chain-check';
import { linkConfig } from '../core/sync/link-config';
import { createUpstreamClient } from '../core/sync/upstream-client';
import { createHeadFile } from '../platform/audit-head/head-file';
import { openDataStore } from './data-store';
import { systemCaCertificates } from '../platform/tls/system-roots';
import { UsageError, asUsage, printJson } from './usage';

/**
 * `audit verify [--data DIR]`: checks the web host's audit chain with the keys where the host keeps
 * them (the OS key store, or the 0600 fallback files): each entry's HMAC, the chain against the head
 * sealed apart from the store and, when the window is linked, the head the authority acknowledged,
 * and every bound record against its content hash. Prints {intact, entries, firstBroken, heads};
 * exit 0 when intact, 1 when not. The Electron app's store is checked in the app.
 */
export async function audit(args: string[]): Promise<void> {
  const { values, positionals } = asUsage(() => parseArgs({ args, strict: true, allowPositionals: true, options: { data: { type: 'string' } } }));
  if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError('the audit command is "audit verify [--data DIR]"');
  const { db, secrets, dir } = openDataStore(values.data);
  const auditKey = secrets.get('audit-key');
  if (auditKey === null) {
    db.close();
    throw new UsageError(`the audit key of ${dir} is not in ${secrets.where.name}: the chain cannot be checked`);
  }
  try {
    bindAuditKey(db, Buffer.from(auditKey, 'hex'));
    const link = linkConfig(db, secrets, systemCaCertificates().certificates);
    const upstreamHead = async () => {
      if (!link) return 'not-linked' as const;
      const client = createUpstreamClient(link);
      try {
        return await client.latestAuditHead();
      } catch {
        return 'unreachable' as const;
      } finally {
        await client.close();
      }
    };
    const check = await checkAuditChain(db, { head: createHeadFile(join(dir, 'audit-head.json')), upstreamHead });
    printJson(check);
    if (!check.intact) process.exitCode = 1;
  } finally {
    db.close();
  }
}
