import type { UpstreamVerification } from '../../../shared/upstream-contract';
import type { VerificationRecord } from '../../../shared/verification';

/**
 * The record as the upstream contract carries it. Strict in what it sends: a part the window does not
 * have (no QR scanned, no card read, no MRZ, a material with no fields read or no note) is left out,
 * never sent as null or empty.
 */
export function upstreamCopy(record: VerificationRecord): UpstreamVerification {
  const { qr, card, mrz, chip } = record.identity;
  return {
    id: record.id,
    noticeNo: record.noticeNo,
    caseVersion: record.caseVersion,
    outcome: record.outcome,
    materials: record.materials.map((m) => ({
      code: m.code,
      evidence: m.evidence,
      ...(Object.keys(m.fields).length ? { fields: m.fields } : {}),
      ...(m.note.trim() ? { note: m.note } : {}),
    })),
    identity: {
      ...(qr !== null ? { qr } : {}),
      ...(card !== null ? { card: card.ssn === null ? { cardNumber: card.cardNumber } : card } : {}),
      ...(mrz !== null ? { mrz } : {}),
      // The contract carries a chip that was read; a passport without one is the window's own note.
      ...(chip?.access && chip.passiveAuthentication !== 'no-chip'
        ? { chip: { access: chip.access, passiveAuthentication: chip.passiveAuthentication, ...(chip.documentNumber ? { documentNumber: chip.documentNumber } : {}) } }
        : {}),
    },
    // The contract has one list: what to bring for supplements, the reasons otherwise.
    reasons: record.outcome === 'supplement' ? record.supplements : record.reasons,
    override: record.override,
    ...(record.images?.length ? { images: record.images.map(({ material, sha256 }) => ({ material, sha256 })) } : {}),
    clerk: record.clerk,
    at: record.at,
    workstation: record.workstation,
  };
}
