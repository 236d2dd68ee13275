/**
 * The card logic over the real PC/SC stack: pcscd with vpcd's two virtual readers, a virtual card in
 * "Virtual PCD 00 00" and a virtual PSAM in "Virtual PCD 00 01". One file, so nothing else uses the
 * readers at the same time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/support/cli';
import { releasePcscd, startPcscd, stopPcscd } from '../../../../test/support/pcscd';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../../../../test/sim/virtual-ssc-card';
import { VPCD_CARD_PORT, VPCD_SAM_PORT, VpcdSlot } from '../../../../test/sim/vpcd';
import { openPcscSession } from './pcsc';
import { readSscCard } from '../../core/ssc-card/read-card';
import { modelPsamAuthenticator } from '../../core/ssc-card/psam';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { cardReaderPortContract } from './card-reader-port.contract';
import { cardReaderFor } from '.';

const slots: VpcdSlot[] = [];
async function insert(device: VirtualSscCard | VirtualPsam, port: number, delayMs = 0): Promise<VpcdSlot> {
  const slot = new VpcdSlot(device, port, '127.0.0.1', delayMs);
  await slot.insert();
  slots.push(slot);
  return slot;
}
/** pcscd polls vpcd: give it a moment to see a card come or go. */
const settle = () => new Promise((r) => setTimeout(r, 700));

async function read() {
  const session = await openPcscSession({ timeoutMs: 3000 });
  try {
    return await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam));
  } finally {
    await session.close();
  }
}

beforeAll(startPcscd, 10_000);
afterEach(async () => {
  for (const s of slots.splice(0)) await s.remove();
  await settle();
});
afterAll(async () => {
  // Leave no daemon the suite started (the last test stops and restarts it); a machine's own pcscd,
  // socket-activated, starts again on its next client.
  await releasePcscd();
});

cardReaderPortContract('PC/SC (pcscd with vpcd, virtual card and PSAM)', async () => {
  const mine: VpcdSlot[] = [];
  return {
    port: cardReaderFor({ ...DEFAULT_SETTINGS, cardReader: 'pcsc' })!,
    insertCard: async (h) => {
      mine.push(await insert(new VirtualSscCard(h), VPCD_CARD_PORT));
      await settle();
    },
    insertPsam: async () => {
      mine.push(await insert(new VirtualPsam(), VPCD_SAM_PORT));
      await settle();
    },
    teardown: async () => undefined,
  };
});

describe('social security card over PC/SC (pcscd + vpcd)', () => {
  it('reads the whole card with a PSAM in the SAM slot', async () => {
    await insert(new VirtualPsam(), VPCD_SAM_PORT);
    await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT);
    await settle();
    const { data, apdus } = await read();
    expect(data).toMatchObject({ cardId: SAMPLE_HOLDER.cardId, ssn: SAMPLE_HOLDER.ssn, name: SAMPLE_HOLDER.name, birthDate: '1990-04-12', psam: true });
    expect(apdus).toBe(17);
  }, 15_000);

  it('without a PSAM returns the card identification and psam false', async () => {
    await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT);
    await settle();
    const { data } = await read();
    expect(data).toMatchObject({ cardNumber: 'A12345678', name: null, ssn: null, psam: false });
  }, 15_000);

  it('ends in psam-auth-failed when the PSAM computes a wrong cryptogram (63 Cx)', async () => {
    await insert(new VirtualPsam('11'.repeat(16)), VPCD_SAM_PORT);
    await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT);
    await settle();
    await expect(read()).rejects.toMatchObject({ code: 'psam-auth-failed' });
  }, 15_000);

  it('ends in not-ssc-card for a card without the social security application (6A 82)', async () => {
    await insert(new VirtualSscCard({ ...SAMPLE_HOLDER, notSscCard: true }), VPCD_CARD_PORT);
    await settle();
    await expect(read()).rejects.toMatchObject({ code: 'not-ssc-card' });
  }, 15_000);

  it('ends in no-card when the reader is empty', async () => {
    await expect(read()).rejects.toMatchObject({ code: 'no-card' });
  }, 15_000);

  it('ends in card-removed when the card is pulled out mid-read, and nothing hangs', async () => {
    await insert(new VirtualPsam(), VPCD_SAM_PORT);
    const slot = await insert(new VirtualSscCard(SAMPLE_HOLDER), VPCD_CARD_PORT, 60);
    await settle();
    const reading = read();
    setTimeout(() => void slot.remove(), 400);
    await expect(reading).rejects.toMatchObject({ code: 'card-removed' });
  }, 15_000);

  it('card read on the command line prints the card as one JSON object, or an error and exit 1', async () => {
    const cli = async () => {
      const { code, stdout } = await runCli('card', 'read');
      return { code, out: JSON.parse(stdout) };
    };
    await insert(new VirtualPsam(), VPCD_SAM_PORT);
    await insert(new VirtualSscCard({ ...SAMPLE_HOLDER, sex: 'F', name: '林慧玲' }), VPCD_CARD_PORT);
    await settle();
    expect(await cli()).toEqual({
      code: 0,
      out: {
        cardId: SAMPLE_HOLDER.cardId, cardType: '3', specVersion: '3.00', issueDate: '2025-01-10', expiryDate: '2035-01-09',
        cardNumber: 'A12345678', ssn: SAMPLE_HOLDER.ssn, name: '林慧玲', sex: 'F', birthDate: '1990-04-12', psam: true,
      },
    });
    for (const s of slots.splice(0)) await s.remove();
    await settle();
    expect(await cli()).toEqual({ code: 1, out: { error: 'no-card', message: expect.any(String) } });
  }, 30_000);

  it('ends in pcsc-unavailable when pcscd is stopped', async () => {
    await stopPcscd();
    await expect(read()).rejects.toMatchObject({ code: 'pcsc-unavailable' });
    await startPcscd();
  }, 20_000);
});
