/**
 * A document camera the core asks for a picture itself: a vendor's capture service on this computer
 * (the host builds the adapter for the address in Settings). A UVC camera is not one of these: the
 * screen takes its frame through Chromium's media and sends the image.
 */
export interface DocumentCameraPort {
  /** One picture of what lies under the camera: its JPEG or PNG bytes, and the device it came from. */
  capture(): Promise<{ bytes: Uint8Array; device: string }>;
}

/** The host's adapters, by the address the office set (Eloam's WebCamera protocol). */
export type DocumentCameraFactory = (url: string) => DocumentCameraPort;

/** The camera did not answer, or answered with no picture: said to the clerk, nothing kept. */
export class DocumentCameraError extends Error {
  constructor(
    readonly reason: 'not-running' | 'no-picture' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}
