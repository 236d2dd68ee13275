import { EventEmitter } from 'node:events';
import { mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import { socatPair } from '../../../../test/support/pty';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { createCoreEvents, type InternalEvent } from '../events/events';
import { hidPosReports } from './hid-pos-framer';
import type { HidBackend, HidDeviceLike } from './ports';
import { systemScannerDrivers } from '../../platform/scanners/drivers';
import { startScannerService } from './scanner-service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(f: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

const ptyPair = (dir: string) => socatPair(dir, ['scanner', 'far']);

function send(far: string, text: string) {
  const fd = openSync(far, 'w');
  writeSync(fd, text);
  closeSync(fd);
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function collect() {
  const events = createCoreEvents();
  const seen: InternalEvent[] = [];
  events.subscribe((e) => seen.push(e));
  return { events, seen, scans: () => seen.filter((e) => e.type === 'scanner.scan') };
}

describe('serial scanner on a real pseudo-terminal', () => {
  it('reads CR/LF-ended scans, and reconnects after the port is unplugged and plugged back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acw-serial-'));
    let pair = await ptyPair(dir);
    cleanups.push(() => pair.proc.kill());
    const { events, seen, scans } = collect();
    const service = startScannerService(events, { ...DEFAULT_SETTINGS, scannerKind: 'serial', scannerPath: pair.near, scannerBaudRate: 115200 }, { drivers: systemScannerDrivers(), reconnectMs: 100 });
    cleanups.push(() => service.stop());
    await until(() => service.state().state === 'connected');
    send(pair.far, 'WPN1:NCFOXN%TS3\r\n110108202600001000\n');
    await until(() => scans().length === 2);
    expect(scans()).toEqual([
      { type: 'scanner.scan', text: 'WPN1:NCFOXN%TS3', source: 'serial' },
      { type: 'scanner.scan', text: '110108202600001000', source: 'serial' },
    ]);

    pair.proc.kill();
    // While the port is gone the service retries, so its state alternates between connecting and
    // disconnected: wait for the event, not for a poll to land on it.
    const disconnected = () => seen.some((e) => e.type === 'scanner.state' && e.scanner.state === 'disconnected');
    await until(disconnected, 10_000);
    pair = await ptyPair(dir);
    await until(() => service.state().state === 'connected', 10_000);
    send(pair.far, 'AFTER-REPLUG-0001\r');
    await until(() => scans().length === 3);
  }, 20_000);

  it('a passport reader on the port: its two MRZ rows become one MRZ event, not two scans', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acw-serial-'));
    const pair = await ptyPair(dir);
    cleanups.push(() => pair.proc.kill());
    const { events, seen, scans } = collect();
    const service = startScannerService(events, { ...DEFAULT_SETTINGS, scannerKind: 'serial', scannerPath: pair.near, scannerBaudRate: 9600 }, { drivers: systemScannerDrivers(), reconnectMs: 100 });
    cleanups.push(() => service.stop());
    await until(() => service.state().state === 'connected');
    const [l1, l2] = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
    send(pair.far, `${l1}\r${l2}\rWPN1:NCFOXN%TS3\r`);
    await until(() => scans().length === 1);
    expect(seen.filter((e) => e.type === 'passport.mrz')).toEqual([{ type: 'passport.mrz', line1: l1, line2: l2, source: 'serial' }]);
    expect(scans()).toEqual([{ type: 'scanner.scan', text: 'WPN1:NCFOXN%TS3', source: 'serial' }]);
  }, 20_000);

  it('keeps trying a port that does not exist, saying why, without throwing', async () => {
    const { events } = collect();
    const service = startScannerService(events, { ...DEFAULT_SETTINGS, scannerKind: 'serial', scannerPath: '/dev/no-such-port' }, { drivers: systemScannerDrivers(), reconnectMs: 50 });
    cleanups.push(() => service.stop());
    const state = await until(() => (service.state().state === 'disconnected' ? service.state() : undefined));
    expect(state.lastError).toBeTruthy();
  });

  it('survives garbage and cut lines on the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acw-serial-'));
    const pair = await ptyPair(dir);
    cleanups.push(() => pair.proc.kill());
    const { events, scans } = collect();
    const service = startScannerService(events, { ...DEFAULT_SETTINGS, scannerKind: 'serial', scannerPath: pair.near }, { drivers: systemScannerDrivers(), reconnectMs: 100 });
    cleanups.push(() => service.stop());
    await until(() => service.state().state === 'connected');
    send(pair.far, `\x00\xff\xfe${'Z'.repeat(9000)}\r\nGOOD-SCAN-123456\r\n`);
    await until(() => scans().length === 1);
    expect(scans()[0]).toMatchObject({ text: 'GOOD-SCAN-123456' });
    expect(service.state().state).toBe('connected');
  }, 10_000);
});

describe('HID POS scanner (in-process device behind the node-hid interface)', () => {
  it('reads multi-report scans, and comes back after an unplug', async () => {
    let plugged = true;
    let device: EventEmitter & HidDeviceLike;
    const backend: HidBackend = {
      devices: () => (plugged ? [{ path: '/dev/hidraw7', usagePage: 0x8c, product: 'Test POS scanner' }] : []),
      open: async (path) => {
        if (!plugged || path !== '/dev/hidraw7') throw new Error('cannot open');
        device = Object.assign(new EventEmitter(), { close: () => undefined }) as EventEmitter & HidDeviceLike;
        return device;
      },
    };
    const { events, scans } = collect();
    const service = startScannerService(events, { ...DEFAULT_SETTINGS, scannerKind: 'hid' }, { drivers: systemScannerDrivers({ hidBackend: async () => backend }), reconnectMs: 50 });
    cleanups.push(() => service.stop());
    await until(() => service.state().state === 'connected');
    const text = `WPN1:${'ABC'.repeat(40)}`;
    for (const r of hidPosReports(text)) device!.emit('data', Buffer.from(r));
    await until(() => scans().length === 1);
    expect(scans()[0]).toEqual({ type: 'scanner.scan', text, source: 'hid' });
    plugged = false;
    device!.emit('error', new Error('could not read from HID device'));
    await until(() => service.state().state === 'disconnected');
    plugged = true;
    await until(() => service.state().state === 'connected');
    for (const r of hidPosReports('110108202600001000')) device!.emit('data', Buffer.from(r));
    await until(() => scans().length === 2);
  });
});
