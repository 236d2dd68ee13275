import { parseArgs } from 'node:util';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { ClaimsError, parseClaims } from '../core/permit-qr/claims';
import { claimsMap, kidOf, signPermitQr, type PermitToSign } from '../core/permit-qr/sign';
import { findAppRoot } from '../host/paths';
import { UsageError, asUsage, printJson } from './usage';

/**
 * The permit file holds either the claims `{iss?, iat?, exp?, wp}` or the permit (`wp`) alone.
 * Defaults: issuer CN-110000, issued now, the QR expiring at the end of the permit's last day
 * (23:59:59 Beijing time).
 */
function permitToSign(json: unknown): PermitToSign {
  if (!json || typeof json !== 'object') throw new UsageError('the permit file must hold a JSON object');
  const o = json as Record<string, unknown>;
  const wp = (o.wp ?? o) as Record<string, unknown>;
  const vt = typeof wp.vt === 'string' ? wp.vt : '';
  return {
    iss: typeof o.iss === 'string' ? o.iss : 'CN-110000',
    iat: typeof o.iat === 'number' ? o.iat : Math.floor(Date.now() / 1000),
    exp: typeof o.exp === 'number' ? o.exp : Math.floor(Date.parse(`${vt}T23:59:59+08:00`) / 1000),
    wp,
  };
}

/** Signs a permit into a WPN1 QR code PNG, with the demo key unless another is given. */
export async function makeQr(args: string[]): Promise<void> {
  const { values } = asUsage(() =>
    parseArgs({ args, strict: true, options: { key: { type: 'string' }, permit: { type: 'string' }, out: { type: 'string' } } }),
  );
  if (!values.permit) throw new UsageError('"--permit" is required');
  if (!values.out) throw new UsageError('"--out" is required');
  const keyPath = values.key ?? join(findAppRoot(import.meta.dirname), 'resources', 'demo', 'permit-signer.key.pem');
  let key: KeyObject;
  let json: unknown;
  try {
    key = createPrivateKey(readFileSync(keyPath));
  } catch (err) {
    throw new UsageError(`cannot use the key ${keyPath}: ${(err as Error).message}`);
  }
  try {
    json = JSON.parse(readFileSync(values.permit, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the permit ${values.permit}: ${(err as Error).message}`);
  }
  const permit = permitToSign(json);
  try {
    parseClaims(claimsMap(permit));
  } catch (err) {
    if (err instanceof ClaimsError) throw new UsageError(`the permit is not valid: ${err.message}`);
    throw err;
  }
  let text: string;
  try {
    text = signPermitQr(permit, key);
  } catch (err) {
    throw new UsageError(`cannot sign with ${keyPath}: ${(err as Error).message}`);
  }
  await QRCode.toFile(values.out, text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });
  printJson({ out: values.out, text, kid: kidOf(key).toString('base64') });
}
