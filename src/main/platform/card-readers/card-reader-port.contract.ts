/**
 * One contract for every card reader transport, run against the real stacks here (pcscd with vpcd,
 * serial over socat pseudo-terminals), the HID transport over an in-process device, and the
 * in-memory fake, so that no fake drifts from the real thing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_HOLDER, type HolderFile } from '../../../../test/sim/virtual-ssc-card';
import { modelPsamAuthenticator } from '../../core/ssc-card/psam';
import type { CardReaderPort } from '../../core/ssc-card/ports';
import { readSscCard } from '../../core/ssc-card/read-card';

export interface CardReaderEnv {
  port: CardReaderPort;
  insertCard(holder: HolderFile): Promise<void>;
  insertPsam(): Promise<void>;
  /** Where the transport can be unplugged here (PC/SC's removal is classified with its fake binding). */
  unplug?(): Promise<void>;
  replug?(): Promise<void>;
  /** Arranges that the reader goes away in the middle of the next read. */
  unplugDuringRead?(): Promise<void>;
  teardown(): Promise<void>;
}

/** What the watcher counts as "no reader to read from now" (card-watcher.ts). */
const ABSENT = ['no-reader', 'reader-not-found', 'pcsc-unavailable', 'port-error'];

async function readWith(port: CardReaderPort, timeoutMs = 3000) {
  const session = await port.open(timeoutMs);
  try {
    return await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam));
  } finally {
    await session.close();
  }
}

export function cardReaderPortContract(name: string, makeEnv: () => Promise<CardReaderEnv>, opts: { timeoutMs?: number } = {}): void {
  describe(`card reader port contract: ${name}`, () => {
    let env: CardReaderEnv | null = null;
    const fresh = async () => (env = await makeEnv());
    afterEach(async () => {
      await env?.teardown();
      env = null;
    });
    const t = opts.timeoutMs ?? 15_000;

    it('an empty reader says no-card', async () => {
      const e = await fresh();
      await expect(e.port.open(1000)).rejects.toMatchObject({ code: 'no-card' });
    }, t);

    it('a card with the PSAM in the SAM slot reads whole', async () => {
      const e = await fresh();
      await e.insertPsam();
      await e.insertCard(SAMPLE_HOLDER);
      const { data } = await readWith(e.port);
      expect(data).toMatchObject({ ssn: SAMPLE_HOLDER.ssn, name: SAMPLE_HOLDER.name, birthDate: '1990-04-12', psam: true });
    }, t);

    it('a card with no PSAM gives the card identification alone', async () => {
      const e = await fresh();
      await e.insertCard(SAMPLE_HOLDER);
      const session = await e.port.open(3000);
      try {
        expect(session.psam).toBeNull();
        expect((await readSscCard(session.card, null)).data).toMatchObject({ cardNumber: 'A12345678', psam: false, ssn: null });
      } finally {
        await session.close();
      }
    }, t);

    it('an unplugged reader is absent, and reads again once plugged back', async (ctx) => {
      const e = await fresh();
      if (!e.unplug || !e.replug) return ctx.skip();
      await e.insertCard(SAMPLE_HOLDER);
      await e.unplug();
      await expect(e.port.open(1000)).rejects.toSatisfy((err: { code: string }) => ABSENT.includes(err.code));
      await e.replug();
      await e.insertCard(SAMPLE_HOLDER);
      expect((await readWith(e.port)).data.cardNumber).toBe('A12345678');
    }, t);

    it('a reader unplugged in the middle of a read ends it as reader-removed', async (ctx) => {
      const e = await fresh();
      if (!e.unplugDuringRead) return ctx.skip();
      await e.insertPsam();
      await e.insertCard(SAMPLE_HOLDER);
      const session = await e.port.open(3000);
      await e.unplugDuringRead();
      await expect(readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).rejects.toMatchObject({ code: 'reader-removed' });
      await session.close().catch(() => undefined);
    }, t);
  });
}
