/** What a read of a social security card gives (ssc-card.md §1); absent fields are null. */
export interface SscCardData {
  /** 卡识别码: 32 upper-case hex digits. */
  cardId: string | null;
  cardType: string | null;
  specVersion: string | null;
  issueDate: string | null;
  expiryDate: string | null;
  cardNumber: string | null;
  ssn: string | null;
  /** The name with its extension (long foreign names continue in tag 4E). */
  name: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  /** Whether the holder file was read through a PSAM; without one the holder fields are null. */
  psam: boolean;
}

export type CardErrorCode =
  | 'pcsc-unavailable'
  | 'no-reader'
  | 'reader-not-found'
  | 'no-card'
  | 'card-removed'
  | 'reader-removed'
  | 'not-ssc-card'
  | 'psam-auth-failed'
  | 'card-error'
  | 'bad-response'
  | 'timeout'
  | 'port-error'
  | 'write-failed';

/** A field where the card and the case disagree. */
export interface CardDifference {
  field: 'ssn' | 'name' | 'birthDate';
  card: string;
  case: string;
}
