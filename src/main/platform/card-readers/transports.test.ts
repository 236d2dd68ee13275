/**
 * The card reader contract over the serial transport (a real socat pseudo-terminal pair with the
 * reader emulator on its far end), the HID transport (an in-process device behind node-hid's
 * interface) and the in-memory fake. PC/SC runs it in pcsc.test.ts, beside pcscd.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { socatPair, type PtyPair } from '../../../../test/support/pty';
import { ReaderEmulator, SerialReaderEmulator } from '../../../../test/sim/serial-reader-emulator';
import { VirtualPsam, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import { bytesToReports, reportToBytes } from '../../core/ssc-card/hid-reader';
import type { HidBackend } from '../../core/scanners/ports';
import { cardReaderPortContract } from './card-reader-port.contract';
import { cardReaderFor } from '.';
import { createMemoryCardReader } from './memory';

cardReaderPortContract('serial (socat pseudo-terminal, reader emulator)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'acw-serial-contract-'));
  let pair: PtyPair;
  let emulator: SerialReaderEmulator;
  const plug = async () => {
    pair = await socatPair(dir, ['app', 'reader']);
    emulator = new SerialReaderEmulator(pair.far);
    await emulator.open();
  };
  await plug();
  const port = cardReaderFor({ ...DEFAULT_SETTINGS, cardReader: 'serial', cardReaderPort: join(dir, 'app') })!;
  return {
    port,
    insertCard: async (h) => void (emulator.slots[0] = new VirtualSscCard(h)),
    insertPsam: async () => void (emulator.slots[1] = new VirtualPsam()),
    unplug: async () => {
      await emulator.close();
      pair.proc.kill();
      await new Promise((r) => pair.proc.once('exit', r));
    },
    replug: plug,
    unplugDuringRead: async () => {
      emulator.sabotage = 'silence';
      setTimeout(() => pair.proc.kill(), 200);
    },
    teardown: async () => {
      await emulator.close();
      pair.proc.kill();
    },
  };
});

cardReaderPortContract('HID (in-process device behind the node-hid interface)', async () => {
  let plugged = true;
  let device: EventEmitter & { write?: unknown; close?: unknown };
  const emulator = new ReaderEmulator((bytes) => {
    for (const r of bytesToReports(bytes)) setImmediate(() => device.emit('data', Buffer.from(r)));
  });
  const makeDevice = () => {
    device = new EventEmitter();
    Object.assign(device, { write: async (data: number[]) => void emulator.push(reportToBytes(Uint8Array.from(data))), close: () => undefined });
    return device;
  };
  const backend: HidBackend = {
    devices: () => (plugged ? [{ path: 'hid-reader-1' }] : []),
    open: async () => {
      if (!plugged) throw new Error('cannot open device with path hid-reader-1');
      return makeDevice() as never;
    },
  };
  const port = cardReaderFor({ ...DEFAULT_SETTINGS, cardReader: 'hid', cardReaderHidPath: 'hid-reader-1' }, { hidBackend: async () => backend })!;
  return {
    port,
    insertCard: async (h) => void (emulator.slots[0] = new VirtualSscCard(h)),
    insertPsam: async () => void (emulator.slots[1] = new VirtualPsam()),
    unplug: async () => {
      plugged = false;
      device?.emit('error', new Error('could not read from HID device'));
    },
    replug: async () => void (plugged = true),
    unplugDuringRead: async () => {
      emulator.sabotage = 'silence';
      setTimeout(() => device.emit('error', new Error('could not read from HID device')), 100);
    },
    teardown: async () => undefined,
  };
});

cardReaderPortContract('in-memory fake', async () => {
  const m = createMemoryCardReader();
  return {
    port: m.port,
    insertCard: async (h) => m.insert(new VirtualSscCard(h)),
    insertPsam: async () => m.insertPsam(new VirtualPsam()),
    unplug: async () => m.unplug(),
    replug: async () => m.replug(),
    unplugDuringRead: async () => m.unplugDuringRead(3),
    teardown: async () => undefined,
  };
});
