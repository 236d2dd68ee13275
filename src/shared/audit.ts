export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
}

export interface AuditCheck {
  intact: boolean;
  entries: number;
  /** The first entry that was altered or removed, when the chain is broken. */
  firstBroken: { seq: number; problem: 'altered' | 'removed' } | null;
}
