/**
 * A second, different PSAM authenticator, to prove the vendor seam (ssc-card.md §2): no PSAM card and
 * no APDU at all, the cryptogram derived in software from a key held in the process, as a hardware
 * security module or a vendor's library would give it. It computes the same model derivation as the
 * virtual card checks, so it reads the same holder file through a different path; it can be told to
 * fail as an unreachable module does.
 */
import type { PsamAuthenticator } from '../../src/main/core/ssc-card/psam';
import { cryptogramFor, DEMO_SAM_KEY } from './virtual-ssc-card';

export function keyedAuthenticator(opts: { key?: string; unreachable?: boolean } = {}): PsamAuthenticator & { calls: number } {
  const a = {
    name: 'software key (test)',
    calls: 0,
    async cryptogram(cardId: Uint8Array, challenge: Uint8Array) {
      a.calls++;
      if (opts.unreachable) throw new Error('the security module does not answer');
      return { cryptogram: new Uint8Array(cryptogramFor(opts.key ?? DEMO_SAM_KEY, cardId.subarray(8), challenge)), apdus: 0 };
    },
  };
  return a;
}
