import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import { ReaderEmulator } from '../../../../test/sim/serial-reader-emulator';
import type { HidBackend } from '../scanners/ports';
import { bytesToReports, openHidReader, reportToBytes } from './hid-reader';
import { readSscCard } from './read-card';
import { modelPsamAuthenticator } from './psam';

/** An in-process HID reader behind the node-hid interface: reports in, reports out. */
function hidReader(): { backend: HidBackend; emulator: ReaderEmulator; device: EventEmitter } {
  const device = new EventEmitter();
  const emulator = new ReaderEmulator((bytes) => {
    for (const r of bytesToReports(bytes)) setImmediate(() => device.emit('data', Buffer.from(r)));
  });
  Object.assign(device, { write: (data: number[]) => emulator.push(reportToBytes(Uint8Array.from(data))), close: () => undefined });
  return { backend: { devices: () => [{ path: 'hid-reader-1' }], open: async () => device as never }, emulator, device };
}

describe('social security card over a HID reader (in-process device)', () => {
  it('reads the whole card with the PSAM', async () => {
    const { backend, emulator } = hidReader();
    emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
    emulator.slots[1] = new VirtualPsam();
    const session = await openHidReader(backend, 'hid-reader-1');
    const { data } = await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam));
    expect(data).toMatchObject({ ssn: SAMPLE_HOLDER.ssn, name: SAMPLE_HOLDER.name, psam: true });
    await session.close();
  });

  it('says reader-removed when the device reports an error (unplugged) mid-read', async () => {
    const { backend, emulator, device } = hidReader();
    emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
    const session = await openHidReader(backend, 'hid-reader-1');
    emulator.sabotage = 'silence';
    setTimeout(() => device.emit('error', new Error('could not read from HID device')), 100);
    await expect(readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).rejects.toMatchObject({ code: 'reader-removed' });
  });

  it('a write the device refuses ends the read as write-failed, never as an unhandled rejection', async () => {
    const { backend, emulator, device } = hidReader();
    emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
    const session = await openHidReader(backend, 'hid-reader-1');
    // node-hid's HIDAsync.write returns a promise; here it rejects, as a stalled endpoint makes it.
    Object.assign(device, { write: () => Promise.reject(new Error('Cannot write to hid device')) });
    await expect(readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).rejects.toMatchObject({ code: 'write-failed' });
  });

  it('a device that was unplugged and then refuses the write is reader-removed; one with no write at all is write-failed', async () => {
    const unplugged = hidReader();
    unplugged.emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
    const session = await openHidReader(unplugged.backend, 'hid-reader-1');
    Object.assign(unplugged.device, { write: () => Promise.reject(new Error('device not open')) });
    unplugged.device.emit('error', new Error('could not read from HID device'));
    await expect(readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).rejects.toMatchObject({ code: 'reader-removed' });

    const writeless = hidReader();
    Object.assign(writeless.device, { write: undefined });
    await expect(openHidReader(writeless.backend, 'hid-reader-1')).rejects.toMatchObject({ code: 'write-failed' });
  });

  it('splits and joins frame bytes through reports without loss, and never throws on a bad report', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const joined = bytesToReports(bytes).flatMap((r) => [...reportToBytes(r)]);
        expect(Uint8Array.from(joined)).toEqual(bytes);
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (r) => void reportToBytes(r)));
  });
});
