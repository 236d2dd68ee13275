/**
 * How the PC/SC transport classifies what the service reports, through a fake of the pcsclite
 * binding (the real one, over pcscd and vpcd, is pcsc.test.ts): a reader unplugged during a read,
 * the service going away, no reader at all, a reader not found by name.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SAMPLE_HOLDER, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import { readSscCard } from '../../core/ssc-card/read-card';
import { openPcscSession, type Pcsc, type PcscReader } from './pcsc';

const PRESENT = 0x20;

/** A pcsclite reader answering from a virtual card; `fail` makes the next transmit fail as the service would. */
function fakeReader(name: string, card: VirtualSscCard | null) {
  const r = new EventEmitter() as EventEmitter & PcscReader & { fail: Error | null };
  Object.assign(r, {
    name,
    state: 0,
    SCARD_STATE_PRESENT: PRESENT,
    SCARD_SHARE_SHARED: 2,
    SCARD_LEAVE_CARD: 0,
    fail: null,
    connect: (_o: unknown, cb: (e: Error | null, p: number) => void) => setImmediate(() => cb(null, 2)),
    transmit: (data: Buffer, _max: number, _p: number, cb: (e: Error | null, d: Buffer) => void) =>
      setImmediate(() => (r.fail ? cb(r.fail, Buffer.alloc(0)) : cb(null, Buffer.from(card!.respond(new Uint8Array(data)))))),
    disconnect: (_d: number, cb: (e: Error | null) => void) => cb(null),
    close: () => undefined,
  });
  // pcsclite reports a reader's state after the reader itself.
  r.on('newListener', (event) => event === 'status' && setImmediate(() => r.emit('status', { state: card ? PRESENT : 0 })));
  return r;
}

function fakePcsc(readers: ReturnType<typeof fakeReader>[], serviceError?: Error): () => Pcsc {
  return () => {
    const p = new EventEmitter() as EventEmitter & Pcsc;
    Object.assign(p, { close: () => undefined });
    setImmediate(() => (serviceError ? p.emit('error', serviceError) : readers.forEach((r) => p.emit('reader', r))));
    return p;
  };
}

describe('PC/SC, classified (fake binding)', () => {
  it('a reader unplugged during a read is reader-removed', async () => {
    const reader = fakeReader('ACS ACR39U 00 00', new VirtualSscCard(SAMPLE_HOLDER));
    const session = await openPcscSession({ binding: fakePcsc([reader]), timeoutMs: 1000 });
    // pcsc-lite's words when the reader goes: SCARD_E_NO_READERS_AVAILABLE / SCARD_E_READER_UNAVAILABLE.
    reader.emit('end');
    reader.fail = new Error('SCardTransmit error: The specified reader is not currently available for use.(0x80100017)');
    await expect(readSscCard(session.card, null)).rejects.toMatchObject({ code: 'reader-removed' });
  });

  it('a card pulled out is card-removed; the service gone is pcsc-unavailable; none or the wrong reader says so', async () => {
    const reader = fakeReader('ACS ACR39U 00 00', new VirtualSscCard(SAMPLE_HOLDER));
    const session = await openPcscSession({ binding: fakePcsc([reader]), timeoutMs: 1000 });
    reader.fail = new Error('SCardTransmit error: The smart card has been removed, so further communication is not possible.(0x80100069)');
    await expect(readSscCard(session.card, null)).rejects.toMatchObject({ code: 'card-removed' });
    await expect(openPcscSession({ binding: fakePcsc([], new Error('SCardEstablishContext error: The Smart Card Resource Manager is not running.(0x8010001D)')), timeoutMs: 500 })).rejects.toMatchObject({ code: 'pcsc-unavailable' });
    await expect(openPcscSession({ binding: fakePcsc([]), timeoutMs: 300 })).rejects.toMatchObject({ code: 'no-reader' });
    await expect(openPcscSession({ binding: fakePcsc([fakeReader('Other 00 00', null)]), reader: 'ACS', timeoutMs: 300 })).rejects.toMatchObject({ code: 'reader-not-found' });
    await expect(openPcscSession({ binding: fakePcsc([fakeReader('ACS ACR39U 00 00', null)]), timeoutMs: 300 })).rejects.toMatchObject({ code: 'no-card' });
  });
});
