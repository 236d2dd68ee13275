import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readPassport, unreadPassport } from '../core/emrtd/read-passport';
import { CardError } from '../core/ssc-card/apdu';
import { openPcscSession } from '../platform/card-readers/pcsc';
import { UsageError, asUsage, printJson } from './usage';

/** The certificates of a PEM file (one or more), as DER. */
async function pemCertificates(path: string): Promise<Uint8Array[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new UsageError(`${path} holds no PEM certificate`);
  return blocks.map((b) => {
    try {
      return new X509Certificate(b).raw;
    } catch {
      throw new UsageError(`${path} holds a certificate that cannot be read`);
    }
  });
}

const DATE = /^\d{6}$/;

/**
 * `passport read [--reader NAME] (--mrz LINE2 | --document-number N --birth-date YYMMDD --expiry-date
 * YYMMDD) [--csca FILE]...`: the chip read over PC/SC, its verdict as one JSON line, exit 0 (2 on wrong
 * usage). The CSCAs are those given; with none, the signer's chain cannot be proven (`unknown-csca`).
 */
export async function passport(args: string[]): Promise<void> {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        reader: { type: 'string' },
        mrz: { type: 'string' },
        'document-number': { type: 'string' },
        'birth-date': { type: 'string' },
        'expiry-date': { type: 'string' },
        csca: { type: 'string', multiple: true },
      },
    }),
  );
  if (positionals[0] !== 'read' || positionals.length !== 1) throw new UsageError('the passport command is "passport read"');
  let key: { documentNumber: string; birthDate: string; expiryDate: string };
  if (values.mrz !== undefined) {
    if (values['document-number'] || values['birth-date'] || values['expiry-date']) throw new UsageError('give "--mrz" or the document number and dates, not both');
    const line = values.mrz.trim().toUpperCase();
    // The second line of a TD3 (44) or TD2 (36) zone: number 0–9, birth date 13–19, expiry 21–27.
    if (!/^[A-Z0-9<]{36}$|^[A-Z0-9<]{44}$/.test(line)) throw new UsageError('"--mrz" is the second line of the passport\'s MRZ (44 characters)');
    key = { documentNumber: line.slice(0, 9).replace(/<+$/, ''), birthDate: line.slice(13, 19), expiryDate: line.slice(21, 27) };
  } else {
    const n = values['document-number']?.trim().toUpperCase();
    if (!n || !/^[A-Z0-9<]{1,20}$/.test(n)) throw new UsageError('"--document-number" is required (letters and digits), or "--mrz"');
    if (!DATE.test(values['birth-date'] ?? '') || !DATE.test(values['expiry-date'] ?? '')) throw new UsageError('"--birth-date" and "--expiry-date" are YYMMDD');
    key = { documentNumber: n, birthDate: values['birth-date']!, expiryDate: values['expiry-date']! };
  }
  const cscas = (await Promise.all((values.csca ?? []).map(pemCertificates))).flat();
  let session;
  try {
    session = await openPcscSession({ reader: values.reader, timeoutMs: 3000 });
  } catch (err) {
    if (!(err instanceof CardError)) throw err;
    const reason = err.code === 'no-card' ? 'no-chip' : err.code === 'card-removed' ? 'card-removed' : 'reader-removed';
    return printJson(unreadPassport(reason));
  }
  try {
    const read = await readPassport(session.card, key, cscas).catch((err: unknown) => {
      if (err instanceof CardError) return unreadPassport(err.code === 'card-removed' ? 'card-removed' : 'reader-removed');
      throw err;
    });
    printJson(read);
  } finally {
    await session.close();
  }
}
