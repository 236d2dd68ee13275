import { APDU, CardError, SW, splitResponse, type ApduChannel } from './apdu';

/**
 * What external authentication (ssc-card.md §2) needs from a secure access module: the 8-byte
 * cryptogram for the user card's challenge. The PSAM's real derivation is not public, so this is the
 * seam a vendor's fills (a PSAM with its own command set, a vendor library, a hardware security
 * module); the card logic never sends a PSAM command itself.
 */
export interface PsamAuthenticator {
  /** Names the authenticator in the device panel and diagnostics (no key material). */
  readonly name: string;
  /** The cryptogram for this card (its 16-byte identification code) and its 8-byte challenge, and the APDUs it took. */
  cryptogram(cardId: Uint8Array, challenge: Uint8Array): Promise<{ cryptogram: Uint8Array; apdus: number }>;
}

/**
 * The project's model of the exchange (ssc-card.md §2): one APDU to the PSAM in the reader's SAM slot,
 * `80 FA 00 00 10` + the identification code's last 8 bytes + the challenge.
 */
export function modelPsamAuthenticator(psam: ApduChannel): PsamAuthenticator {
  return {
    name: 'model PSAM (80 FA)',
    async cryptogram(cardId, challenge) {
      const r = splitResponse(await psam.transmit(APDU.psamCryptogram(cardId.subarray(8), challenge)));
      if (r.sw !== SW.OK) throw new CardError('card-error', `the PSAM answered ${r.sw.toString(16).toUpperCase()}`);
      return { cryptogram: r.data, apdus: 1 };
    },
  };
}
