import type { CardReaderState, ScannerState } from '../../../shared/permit-qr';
import type { SscCardData } from '../../../shared/ssc-card';
import type { ChipDesk } from '../passport/chip-desk';
import type { CallBase } from '../calls/handler-spec';
import type { Upstream } from '../calls/ports';
import type { Displays } from '../applicant/displays';
import type { TrustRoot } from '../trust/signed-list';
import type { SecretPort } from '../secrets/secret-port';
import type { AuditHeadPort } from '../audit/sealed-head';
import type { PrinterPort } from '../printing/spooler';
import type { DocumentCameraFactory } from '../evidence/camera-port';

/**
 * Every port the dispatcher hands a call. Handlers declare the part they use (`HandlerTable<H, P>`);
 * this is the sum, assembled once in `createCore`.
 */
export interface CorePorts {
  /** The last state the scanner service reported. */
  scanner: () => ScannerState;
  /** The card watcher's last reported state. */
  cardReader: () => CardReaderState;
  /** A card read the core announced, by its id: the UI names a read, it never sends card data back. */
  cardRead: (readId: number) => SscCardData | null;
  /** The passport's chip at this window: what it expects, and the reads it announced. */
  chipDesk: ChipDesk;
  /** The system's print spooler, the same path in both hosts (CUPS, or the Windows spooler). */
  printers: PrinterPort;
  /** The trust roots pinned in this installation (permit-qr.md §3a), which every received list must be signed by. */
  trustRoots: readonly TrustRoot[];
  /** The audit chain's head file apart from the store (the host's); null in the tests. */
  auditHead: AuditHeadPort | null;
  /** The host's secrets: the OS key store or the fallback files; null in the tests (the token in the store). */
  secrets: SecretPort | null;
  /** The link to the upstream system (started by the hosts; idle in tests). */
  sync: Upstream;
  /** The applicant's displays: pairing codes and each clerk's open visit. */
  displays: Displays;
  /** Where a tablet opens the applicant's screen, when the host serves it on the network (none by default). */
  displayUrls: () => string[];
  /** The host's adapter for a vendor's document-camera service at an address (none in the tests that need none). */
  documentCameras: DocumentCameraFactory | null;
  /** A clerk's visit is over (signed out, or their last window closed): their displays go idle. */
  endVisit: (clerk: string) => void;
}

/** The context the dispatcher builds for each call: the base, every port, and the caller's session. */
export type CoreContext = Omit<CallBase, 'session'> & CorePorts;
export type FullCallContext = CallBase & CorePorts;
