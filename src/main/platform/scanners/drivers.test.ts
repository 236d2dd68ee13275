import { EventEmitter } from 'node:events';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { socatPair } from '../../../../test/support/pty';
import { hidPosReports } from '../../core/scanners/hid-pos-framer';
import type { HidBackend, HidDeviceLike } from '../../core/scanners/ports';
import { hidScanner, serialScanner } from './drivers';
import { createMemoryScanner } from './memory';
import { scannerPortContract } from './scanner-port.contract';

scannerPortContract('USB-serial (socat pseudo-terminal)', async () => {
  const pair = await socatPair(mkdtempSync(join(tmpdir(), 'acw-scanner-contract-')), ['scanner', 'far']);
  return {
    driver: serialScanner(pair.near, 9600),
    scan: async (text) => {
      const fd = openSync(pair.far, 'w');
      writeSync(fd, `${text}\r\n`);
      closeSync(fd);
    },
    unplug: async () => void pair.proc.kill(),
    teardown: async () => void pair.proc.kill(),
  };
});

scannerPortContract('HID POS (in-process device behind the node-hid interface)', async () => {
  let plugged = true;
  let device: EventEmitter & HidDeviceLike;
  const backend: HidBackend = {
    devices: () => (plugged ? [{ path: '/dev/hidraw7', usagePage: 0x8c }] : []),
    open: async () => {
      if (!plugged) throw new Error('cannot open');
      device = Object.assign(new EventEmitter(), { close: () => undefined }) as EventEmitter & HidDeviceLike;
      return device;
    },
  };
  return {
    driver: hidScanner(async () => backend, ''),
    scan: async (text) => {
      for (const r of hidPosReports(text)) device.emit('data', Buffer.from(r));
    },
    unplug: async () => {
      plugged = false;
      device.emit('error', new Error('could not read from HID device'));
    },
    teardown: async () => undefined,
  };
});

scannerPortContract('in-memory fake', async () => {
  const m = createMemoryScanner();
  return { driver: m.driver, scan: async (t) => m.scan(t), unplug: async () => m.unplug(), teardown: async () => undefined };
});
