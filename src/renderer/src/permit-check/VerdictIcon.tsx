import type { ReactElement } from 'react';
import type { PermitVerdict } from '../../../shared/permit-qr';

/**
 * The verdicts' icons, drawn by the app itself: a PC without an emoji font (UOS and Kylin may have
 * none) draws ⌛ and ⛔ as the same empty box, and two verdicts must never look alike. Lines in the
 * current colour, so each takes its verdict's tone.
 */
/** A triangle with an exclamation mark: the code cannot be read as a permit of this build. */
const WARNING = (
  <>
    <path d="M32 8 L58 54 H6 Z" />
    <path d="M32 24 V40" />
    <circle cx="32" cy="47" r="2.5" fill="currentColor" />
  </>
);

/** The empty set: no permit in what was read. */
const NOTHING = (
  <>
    <circle cx="32" cy="32" r="20" />
    <path d="M14 54 L50 10" />
  </>
);

const SHAPES: Record<PermitVerdict | 'unreadable', ReactElement> = {
  VALID: <path d="M12 33 L26 47 L52 17" />,
  SIGNATURE_INVALID: <path d="M16 16 L48 48 M48 16 L16 48" />,
  // An hourglass run out: the sand at the bottom.
  EXPIRED: (
    <>
      <path d="M18 8 H46 M18 56 H46 M20 8 C20 24 44 28 44 32 C44 36 20 40 20 56 M44 8 C44 24 20 28 20 32 C20 36 44 40 44 56" />
      <path d="M24 52 L32 44 L40 52 Z" fill="currentColor" />
    </>
  ),
  // A clock: not yet.
  NOT_YET_VALID: (
    <>
      <circle cx="32" cy="32" r="24" />
      <path d="M32 16 V32 L42 40" />
    </>
  ),
  // No entry: a disc with a bar.
  REVOKED: (
    <>
      <circle cx="32" cy="32" r="24" />
      <path d="M18 32 H46" strokeWidth="9" />
    </>
  ),
  UNKNOWN_SIGNER: (
    <>
      <path d="M22 22 C22 10 42 10 42 22 C42 30 32 30 32 40" />
      <circle cx="32" cy="51" r="2.5" fill="currentColor" />
    </>
  ),
  MALFORMED: WARNING,
  UNSUPPORTED: WARNING,
  REFERENCE: <path d="M24 10 L20 54 M44 10 L40 54 M12 24 H54 M10 40 H52" />,
  NOT_A_PERMIT: NOTHING,
  unreadable: NOTHING,
};

export function VerdictIcon({ verdict }: { verdict: PermitVerdict | 'unreadable' }) {
  return (
    <svg className="verdict-icon" data-icon={verdict} viewBox="0 0 64 64" width="80" height="80" fill="none" stroke="currentColor" strokeWidth="6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {SHAPES[verdict]}
    </svg>
  );
}
