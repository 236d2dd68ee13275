import { useEffect, useRef, useState } from 'react';
import type { ScannerState } from '../../../shared/permit-qr';
import { ask, onCoreEvent } from '../api/client';

/** Scans from the serial or HID scanner the core reads, and that scanner's state. */
export function useDeviceScans(onScan: (text: string, source: 'serial' | 'hid') => void): ScannerState | null {
  const handler = useRef(onScan);
  handler.current = onScan;
  const [state, setState] = useState<ScannerState | null>(null);
  useEffect(() => {
    void ask('permitQr.scannerState', {}).then((v) => v !== null && setState(v));
    return onCoreEvent((e) => {
      if (e.type === 'scanner.scan') handler.current(e.text, e.source);
      else if (e.type === 'scanner.state') setState(e.scanner);
    });
  }, []);
  return state;
}
