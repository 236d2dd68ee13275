import { parseArgs } from 'node:util';
import { ListFileError, loadRevocationListFile, loadTrustListFile, loadTrustRootsFile } from '../core/trust/load-lists';
import { prepareTrust } from '../core/trust/trust-list';
import { verifyPermitQr } from '../core/permit-qr/verify';
import { scanImageFile } from '../core/qr-image/read-file';
import { UsageError, asUsage, printJson } from './usage';

/** Prints one JSON object {verdict, stage?, permit?, reference?}; exit 0 whatever the verdict. */
export async function verify(args: string[]): Promise<void> {
  const { values } = asUsage(() =>
    parseArgs({
      args,
      strict: true,
      options: {
        'trust-list': { type: 'string' },
        'trust-root': { type: 'string' },
        revocations: { type: 'string' },
        at: { type: 'string' },
        text: { type: 'string' },
        image: { type: 'string' },
      },
    }),
  );
  if (!values['trust-list']) throw new UsageError('"--trust-list" is required');
  if ((values.text === undefined) === (values.image === undefined)) throw new UsageError('give exactly one of "--text" and "--image"');
  let now = new Date();
  if (values.at !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(values.at) || Number.isNaN(Date.parse(values.at))) {
      throw new UsageError('"--at" must be an RFC 3339 time such as 2026-11-23T10:00:00+08:00');
    }
    now = new Date(values.at);
  }
  let trust;
  try {
    // The roots an envelope is checked against (permit-qr.md §3a); a bare list is the operator's word.
    let roots = null;
    if (values['trust-root'] !== undefined) {
      const pinned = loadTrustRootsFile(values['trust-root']);
      for (const l of pinned.leftOut) process.stderr.write(`verify: trust root ${l.index} left out: ${l.detail}\n`);
      roots = pinned.roots;
    }
    const { list, leftOut, signedBy } = loadTrustListFile(values['trust-list'], roots);
    if (roots && signedBy === null) process.stderr.write('verify: the trust list is bare, not signed: it is taken on the operator\'s word ("--trust-root" checks envelopes)\n');
    // The verdict goes to stdout as before; what was left out of the list is said on stderr.
    for (const s of leftOut) process.stderr.write(`verify: trust list signer ${s.index}${s.kid ? ` (kid ${s.kid})` : ''} left out: ${s.detail}\n`);
    trust = prepareTrust(list, values.revocations ? loadRevocationListFile(values.revocations, roots) : null);
  } catch (err) {
    if (err instanceof ListFileError) throw new UsageError(err.message);
    throw err;
  }
  let text = values.text;
  if (values.image !== undefined) {
    let scanned;
    try {
      scanned = await scanImageFile(values.image);
    } catch (err) {
      throw new UsageError(`cannot read the image ${values.image}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (scanned.text === null) {
      printJson({ verdict: 'NOT_A_PERMIT' });
      return;
    }
    text = scanned.text;
  }
  const r = verifyPermitQr(text, { trust, now });
  printJson({
    verdict: r.verdict,
    ...(r.stage ? { stage: r.stage } : {}),
    ...(r.permit ? { permit: r.permit } : {}),
    ...(r.reference ? { reference: r.reference } : {}),
  });
}
