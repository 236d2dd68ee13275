import { readFile } from 'node:fs/promises';
import { checkMrz } from '../core/verification/mrz';
import { checkPhoto } from '../core/verification/photo';
import { checkUscc } from '../core/verification/uscc-check';
import { UsageError, printJson } from './usage';

/** `check photo FILE`, `check mrz LINE1 LINE2`, `check uscc CODE`: one JSON object {ok, problems}, exit 0. */
export async function check(args: string[]): Promise<void> {
  const [what, ...rest] = args;
  if (what === 'photo' && rest.length === 1) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(rest[0]));
    } catch (err) {
      throw new UsageError(`cannot read ${rest[0]}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return printJson(await checkPhoto(bytes));
  }
  if (what === 'mrz' && rest.length === 2) {
    const { ok, problems } = checkMrz(rest[0], rest[1]);
    return printJson({ ok, problems });
  }
  if (what === 'uscc' && rest.length === 1) return printJson(checkUscc(rest[0]));
  throw new UsageError('check takes "photo FILE", "mrz LINE1 LINE2" or "uscc CODE"');
}
