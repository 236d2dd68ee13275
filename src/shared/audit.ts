export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
}

/**
 * What is wrong with the chain, first found: an entry changed or forged (`altered`), one removed from
 * the middle (`removed`), the chain shorter than a head it was sealed or acknowledged at (`cut`), an
 * entry at that head's place not the one sealed (`rewritten`), a bound record changed or gone
 * (`record-changed`, `record-missing`), a signed-off record or issued decision the chain never bound
 * (`record-unbound`), or the sealed head file gone while the chain is authenticated (`head-missing`).
 */
export type AuditProblem = 'altered' | 'removed' | 'cut' | 'rewritten' | 'record-changed' | 'record-missing' | 'record-unbound' | 'head-missing' | 'image-changed' | 'image-missing';

export interface AuditCheck {
  intact: boolean;
  entries: number;
  /** The first problem found, when the chain is not intact; `record` names a bound record, `against` the head. */
  firstBroken: { seq: number; problem: AuditProblem; record?: string; against?: 'sealed-head' | 'upstream' } | null;
  /** The head sealed in the file apart from the store, and the one the authority acknowledged, as checked against. */
  heads: {
    sealed: { seq: number; at: string } | null;
    upstream: { seq: number; at: string } | 'not-linked' | 'unreachable' | null;
  };
}
