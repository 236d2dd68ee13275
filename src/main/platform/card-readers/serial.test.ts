import { mkdtempSync } from 'node:fs';
import { socatPair } from '../../../../test/support/pty';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import { SerialReaderEmulator } from '../../../../test/sim/serial-reader-emulator';
import { readSscCard } from '../../core/ssc-card/read-card';
import { openSerialReader } from './serial';
import { modelPsamAuthenticator } from '../../core/ssc-card/psam';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A reader emulator on one end of a real socat pseudo-terminal pair; the app opens the other end. */
async function rig(opts: { card?: boolean; psam?: boolean } = {}) {
  const { near: app, far: reader, proc: socat } = await socatPair(mkdtempSync(join(tmpdir(), 'acw-reader-')), ['app', 'reader']);
  cleanups.push(() => socat.kill());
  const emulator = new SerialReaderEmulator(reader);
  await emulator.open();
  cleanups.push(() => emulator.close());
  if (opts.card !== false) emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
  if (opts.psam !== false) emulator.slots[1] = new VirtualPsam();
  return { app, emulator, socat };
}

async function readOver(app: string) {
  const session = await openSerialReader(app);
  cleanups.push(() => session.close());
  return readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam));
}

describe('social security card over a serial reader (real pseudo-terminal)', () => {
  it('reads the whole card with the PSAM in the SAM slot', async () => {
    const { app } = await rig();
    const { data, apdus } = await readOver(app);
    expect(data).toMatchObject({ ssn: SAMPLE_HOLDER.ssn, name: SAMPLE_HOLDER.name, psam: true });
    expect(apdus).toBe(17);
  });

  it('reads EF05 alone without a PSAM', async () => {
    const { app } = await rig({ psam: false });
    expect((await readOver(app)).data).toMatchObject({ cardNumber: 'A12345678', psam: false, ssn: null });
  });

  it('says no-card for an empty reader', async () => {
    const { app } = await rig({ card: false });
    await expect(readOver(app)).rejects.toMatchObject({ code: 'no-card' });
  });

  it('ends garbage and a cut frame on the line in a timeout, not a wrong answer or a hang', async () => {
    for (const sabotage of ['garbage', 'cut'] as const) {
      const { app, emulator } = await rig();
      emulator.sabotage = sabotage;
      await expect(readOver(app)).rejects.toMatchObject({ code: 'timeout' });
    }
  }, 15_000);

  it('says card-removed when the card is pulled out mid-read', async () => {
    const { app, emulator } = await rig();
    const session = await openSerialReader(app);
    cleanups.push(() => session.close());
    const card = emulator.slots[0]!;
    let n = 0;
    emulator.slots[0] = { reset: () => card.reset(), respond: (a) => (++n === 5 ? ((emulator.slots[0] = null), card.respond(a)) : card.respond(a)) };
    await expect(readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).rejects.toMatchObject({ code: 'card-removed' });
  });

  it('says reader-removed when the reader is unplugged mid-read', async () => {
    const { app, emulator, socat } = await rig();
    const session = await openSerialReader(app);
    cleanups.push(() => session.close());
    emulator.sabotage = 'silence';
    setTimeout(() => socat.kill(), 200);
    await expect(readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).rejects.toMatchObject({ code: 'reader-removed' });
  });
});
