/**
 * The card watcher at the window over each transport the settings choose: a card read and
 * announced, the reader unplugged (unavailable, with its reason) and plugged back (read again), a
 * reader unplugged mid-read (its typed error), and the readers switched by the settings.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { socatPair, type PtyPair } from '../../../../test/support/pty';
import { ReaderEmulator, SerialReaderEmulator } from '../../../../test/sim/serial-reader-emulator';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import { keyedAuthenticator } from '../../../../test/sim/keyed-authenticator';
import { systemCardReaders } from '../../platform/card-readers';
import { createMemoryCardReader } from '../../platform/card-readers/memory';
import { createCoreEvents, type InternalEvent } from '../events/events';
import type { HidBackend } from '../scanners/ports';
import { startCardWatcher, type CardWatcher } from './card-watcher';
import { bytesToReports, reportToBytes } from './hid-reader';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(f: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function watch(settings: Settings, readerFor = systemCardReaders(), extra = {}) {
  const events = createCoreEvents();
  const seen: InternalEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const watcher: CardWatcher = startCardWatcher(events, settings, { readerFor, pollMs: 100, ...extra });
  cleanups.push(() => watcher.stop());
  const of = <T extends InternalEvent['type']>(type: T) => seen.filter((e): e is Extract<InternalEvent, { type: T }> => e.type === type);
  return { events, seen, of, lastState: () => of('card.state').at(-1)?.reader };
}

describe('a serial card reader chosen in Settings (real pseudo-terminal)', () => {
  it('reads the card, goes unavailable when unplugged, and reads again when plugged back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acw-watch-serial-'));
    let pair: PtyPair | null = null;
    let emulator: SerialReaderEmulator | null = null;
    const plug = async () => {
      pair = await socatPair(dir, ['app', 'reader']);
      const e = new SerialReaderEmulator(pair.far);
      await e.open();
      e.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
      e.slots[1] = new VirtualPsam();
      emulator = e;
    };
    await plug();
    cleanups.push(() => pair?.proc.kill(), () => emulator?.close());
    const w = watch({ ...DEFAULT_SETTINGS, cardReader: 'serial', cardReaderPort: join(dir, 'app') });
    await until(() => w.of('card.read').length === 1);
    expect(w.of('card.read')[0].card).toMatchObject({ ssn: SAMPLE_HOLDER.ssn, name: SAMPLE_HOLDER.name, psam: true });
    expect(w.lastState()).toMatchObject({ enabled: true, transport: 'serial', device: join(dir, 'app'), state: 'card-in' });

    await emulator!.close();
    pair!.proc.kill();
    await until(() => w.lastState()?.state === 'unavailable');
    expect(w.lastState()?.lastError?.code).toBe('port-error');
    expect(w.of('card.removed')).toHaveLength(1);

    await plug();
    await until(() => w.of('card.read').length === 2);
  }, 30_000);

  it('a reader unplugged mid-read ends in reader-removed, said to the UI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acw-watch-serial-'));
    const pair = await socatPair(dir, ['app', 'reader']);
    const emulator = new SerialReaderEmulator(pair.far);
    await emulator.open();
    cleanups.push(() => pair.proc.kill(), () => emulator.close());
    emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
    // The reader stops answering in the middle of the read, and is then pulled out.
    const card = emulator.slots[0];
    let n = 0;
    emulator.slots[0] = {
      reset: () => card.reset(),
      respond: (a) => {
        if (++n === 4) {
          emulator.sabotage = 'silence';
          setTimeout(() => pair.proc.kill(), 100);
        }
        return card.respond(a);
      },
    };
    const w = watch({ ...DEFAULT_SETTINGS, cardReader: 'serial', cardReaderPort: join(dir, 'app') });
    await until(() => w.of('card.error').length === 1);
    expect(w.of('card.error')[0]).toMatchObject({ code: 'reader-removed' });
    expect(w.of('card.read')).toHaveLength(0);
  }, 30_000);
});

describe('a HID card reader chosen in Settings (in-process device)', () => {
  it('reads, is unavailable while unplugged, and reads again when plugged back', async () => {
    let plugged = true;
    const emulator = new ReaderEmulator((bytes) => {
      for (const r of bytesToReports(bytes)) setImmediate(() => device.emit('data', Buffer.from(r)));
    });
    emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
    let device = new EventEmitter();
    const backend: HidBackend = {
      devices: () => [],
      open: async () => {
        if (!plugged) throw new Error('cannot open device with path reader-hid');
        device = new EventEmitter();
        Object.assign(device, { write: async (d: number[]) => void emulator.push(reportToBytes(Uint8Array.from(d))), close: () => undefined });
        return device as never;
      },
    };
    const w = watch({ ...DEFAULT_SETTINGS, cardReader: 'hid', cardReaderHidPath: 'reader-hid' }, systemCardReaders({ hidBackend: async () => backend }));
    await until(() => w.of('card.read').length === 1);
    expect(w.of('card.read')[0].card).toMatchObject({ cardNumber: 'A12345678', psam: false });
    plugged = false;
    await until(() => w.lastState()?.state === 'unavailable');
    expect(w.lastState()?.lastError?.code).toBe('port-error');
    plugged = true;
    await until(() => w.of('card.read').length === 2);
    // Each round opens the device anew; none leaves listeners behind on it.
    expect(device.listenerCount('data')).toBeLessThanOrEqual(1);
  }, 30_000);
});

describe('the watcher and its settings', () => {
  it('switches readers when the settings change, and reads with the PSAM authenticator the host gives', async () => {
    const a = createMemoryCardReader('reader A');
    const b = createMemoryCardReader('reader B');
    b.insert(new VirtualSscCard(SAMPLE_HOLDER));
    const vendor = keyedAuthenticator();
    const w = watch(
      { ...DEFAULT_SETTINGS, cardReader: 'serial', cardReaderPort: 'A' },
      (s) => (s.cardReader === 'none' ? null : s.cardReaderPort === 'A' ? a.port : b.port),
      // The host's vendor authenticator, used even with no PSAM slot.
      { authenticatorFor: () => vendor },
    );
    await until(() => w.lastState()?.state === 'waiting');
    expect(w.lastState()?.device).toBe('reader A');
    w.events.emit({ type: 'settings.changed', settings: { ...DEFAULT_SETTINGS, cardReader: 'serial', cardReaderPort: 'B' } });
    await until(() => w.of('card.read').length === 1);
    expect(w.of('card.read')[0].card).toMatchObject({ ssn: SAMPLE_HOLDER.ssn, psam: true });
    expect(vendor.calls).toBe(1);
    w.events.emit({ type: 'settings.changed', settings: { ...DEFAULT_SETTINGS, cardReader: 'none' } });
    await until(() => w.lastState()?.state === 'off');
    expect(w.lastState()).toMatchObject({ enabled: false, transport: null });
  });
});
