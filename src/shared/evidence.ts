/**
 * Images of the originals taken at the window (a document camera, or an image file), kept as evidence
 * of what was seen: encrypted in the store, bound into the signed-off record by their SHA-256, sent to
 * the authority (`POST /v1/evidence`).
 */

/** Whether the window takes an image of a material: required (approval waits for it), optional, or off. */
export type CaptureMode = 'required' | 'optional' | 'off';
export const CAPTURE_MODES: readonly CaptureMode[] = ['required', 'optional', 'off'];

/** The materials capture is offered for by default (the rest of the checklist too, as the settings say). */
export const DEFAULT_CAPTURE_MODE: CaptureMode = 'optional';

/** The document camera the window uses: a UVC camera through Chromium's media, or a vendor's local capture service. */
export type DocumentCameraKind = 'none' | 'uvc' | 'eloam';

/** The largest image sent for keeping (base64 characters), within one WebSocket frame of 4 MiB. */
export const EVIDENCE_BASE64_MAX = 3_900_000;

/** The machine-readable zone read from an image, as the reader gave it. */
export interface MrzRead {
  ok: boolean;
  format: 'TD3' | 'TD1' | 'TD2' | 'MRV-A' | 'MRV-B' | null;
  lines: string[];
  fields: {
    documentCode: string;
    issuingState: string;
    surname: string;
    givenNames: string;
    documentNumber: string;
    nationality: string;
    birthDate: string;
    sex: string;
    expiryDate: string;
    optionalData: string;
  } | null;
  problems: string[];
}

/** An image as the screen shows it: never its full bytes (asked for by id), a small thumbnail. */
export interface EvidenceImageView {
  id: string;
  material: string;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  /** Whether the page was found in the frame and straightened; otherwise the whole frame is kept. */
  cropped: boolean;
  /** A JPEG data URL about 240 pixels on its long side. */
  thumb: string;
  mrz: MrzRead | null;
  device: string;
  capturedAt: string;
  capturedBy: string;
  /** The record that bound it, once signed off. */
  verificationId: string | null;
  ackedAt: string | null;
  /** The image's bytes were let go after the authority acknowledged it (only the thumbnail and hash stay). */
  purgedAt: string | null;
}

/** How an image is bound into a record, and sent with it upstream (`images` of a Verification). */
export interface BoundImage {
  id: string;
  material: string;
  sha256: string;
}

/** The CSCA list in force (passport-chip.md), as Settings shows it. */
export interface CscaListStatus {
  version: number;
  issuedAt: string;
  source: string;
  /** The pinned root that signed it; null: imported by an administrator, taken on their word. */
  signedBy: string | null;
  storedBy: string;
  count: number;
  ageDays: number;
}
