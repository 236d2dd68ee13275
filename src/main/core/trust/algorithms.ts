// The signature algorithms a trust list may name for a key, by their COSE identifiers (permit-qr.md):
// the trust list's vocabulary, which the QR's COSE verification reads.
/** COSE algorithm ids this build verifies (RFC 9053): ES256, PS256, EdDSA. */
export const ALGORITHMS = { [-7]: 'ES256', [-37]: 'PS256', [-8]: 'EdDSA' } as const;
export type AlgorithmName = (typeof ALGORITHMS)[keyof typeof ALGORITHMS];
