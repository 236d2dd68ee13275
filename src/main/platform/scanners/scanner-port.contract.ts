/**
 * One contract for every scanner driver, run against USB-serial over a real socat pseudo-terminal,
 * HID POS over an in-process device behind node-hid's interface, and the in-memory fake.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScannerConnection, ScannerDriver } from '../../core/scanners/ports';

export interface ScannerEnv {
  driver: ScannerDriver;
  /** Sends a scan through the transport's own framing. */
  scan(text: string): Promise<void>;
  unplug(): Promise<void>;
  teardown(): Promise<void>;
}

async function until(f: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function scannerPortContract(name: string, makeEnv: () => Promise<ScannerEnv>): void {
  describe(`scanner port contract: ${name}`, () => {
    let env: ScannerEnv | null = null;
    let connection: ScannerConnection | null = null;
    afterEach(async () => {
      await connection?.close();
      await env?.teardown();
      env = null;
      connection = null;
    });

    it('delivers each scan as its text, and closes without calling it gone', async () => {
      env = await makeEnv();
      const scans: string[] = [];
      const gone: string[] = [];
      connection = await env.driver({ onScan: (t) => scans.push(t), onGone: (r) => gone.push(r), onNoise: () => undefined });
      expect(connection.device).toBeTruthy();
      await env.scan('WPN1:NCFOXN%TS3');
      await env.scan('110108202600001000');
      await until(() => scans.length === 2);
      expect(scans).toEqual(['WPN1:NCFOXN%TS3', '110108202600001000']);
      await connection.close();
      connection = null;
      await new Promise((r) => setTimeout(r, 100));
      expect(gone).toEqual([]);
    });

    it('says it is gone, once, when unplugged; and cannot be opened while it is away', async () => {
      env = await makeEnv();
      const gone: string[] = [];
      connection = await env.driver({ onScan: () => undefined, onGone: (r) => gone.push(r), onNoise: () => undefined });
      await env.unplug();
      await until(() => gone.length >= 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(gone).toHaveLength(1);
      connection = null;
      await expect(env.driver({ onScan: () => undefined, onGone: () => undefined, onNoise: () => undefined })).rejects.toThrow();
    });
  });
}
