/**
 * Barcode scanners in USB HID POS mode (HID usage page 0x8C, "Bar Code Scanner", in the USB HID
 * Point of Sale Usage Tables) send a scan as one or more 64-byte input reports. The layout used by
 * the common scanner families in that mode (Honeywell "HID POS", Zebra "SNAPI without imaging" /
 * "IBM hand-held", Datalogic "USB-COM-POS" docs describe the same): byte 0 report id, byte 1 the
 * number of data bytes in this report (0–56), bytes 2–57 the data, bytes 58–60 the AIM symbology
 * identifier, byte 63 bit 0 set when more reports of the same scan follow.
 *
 * Bytes in, texts out, no I/O; a malformed report is reported and the scan in progress dropped.
 */
export const HID_POS_REPORT_LENGTH = 64;
const DATA_OFFSET = 2;
const MAX_DATA = 56;
const MAX_SCAN = 8192;

export interface HidPosFramer {
  push(report: Uint8Array): void;
}

export function createHidPosFramer(onScan: (text: string) => void, onBadReport: (why: string) => void): HidPosFramer {
  let parts: Uint8Array[] = [];
  let size = 0;
  const drop = (why: string) => {
    parts = [];
    size = 0;
    onBadReport(why);
  };
  return {
    push(report) {
      if (report.length < HID_POS_REPORT_LENGTH) return drop(`a report of ${report.length} bytes, not ${HID_POS_REPORT_LENGTH}`);
      const length = report[1];
      if (length > MAX_DATA) return drop(`a data length of ${length}, above ${MAX_DATA}`);
      size += length;
      if (size > MAX_SCAN) return drop(`a scan longer than ${MAX_SCAN} bytes`);
      parts.push(report.slice(DATA_OFFSET, DATA_OFFSET + length));
      if (report[HID_POS_REPORT_LENGTH - 1] & 1) return;
      const all = new Uint8Array(size);
      let o = 0;
      for (const p of parts) {
        all.set(p, o);
        o += p.length;
      }
      parts = [];
      size = 0;
      const text = new TextDecoder('utf-8').decode(all).replace(/[\r\n]+$/, '');
      if (text) onScan(text);
    },
  };
}

/** The reports a scanner would send for `text` (for the in-process test device and the simulator). */
export function hidPosReports(text: string, reportId = 2): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const reports: Uint8Array[] = [];
  for (let o = 0; o === 0 || o < bytes.length; o += MAX_DATA) {
    const chunk = bytes.subarray(o, o + MAX_DATA);
    const r = new Uint8Array(HID_POS_REPORT_LENGTH);
    r[0] = reportId;
    r[1] = chunk.length;
    r.set(chunk, DATA_OFFSET);
    r.set([0x5d, 0x51, 0x31], 58); // "]Q1": AIM identifier of a QR code
    if (o + MAX_DATA < bytes.length) r[HID_POS_REPORT_LENGTH - 1] = 1;
    reports.push(r);
  }
  return reports;
}
