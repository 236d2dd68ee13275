/**
 * Card reading benchmark over the real PC/SC stack (pcscd + vpcd, virtual card and PSAM): the median
 * and p95 time of a full read with the PSAM, its number of APDUs, and, in the same run, the same APDU
 * sequence sent by a bare loop with no app logic; then the same read through a serial reader. Run with `npm run bench -- card` (as root, so that
 * pcscd can be started when it is not running).
 */
import { mkdtempSync } from 'node:fs';
import { socatPair } from '../support/pty';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSerialReader } from '../../src/main/platform/card-readers/serial';
import { SerialReaderEmulator } from '../sim/serial-reader-emulator';
import { performance } from 'node:perf_hooks';
import { APDU, splitResponse } from '../../src/main/core/ssc-card/apdu';
import { openPcscSession } from '../../src/main/platform/card-readers/pcsc';
import { readSscCard } from '../../src/main/core/ssc-card/read-card';
import { startPcscd } from '../support/pcscd';
import { SAMPLE_HOLDER, VirtualPsam, VirtualSscCard } from '../sim/virtual-ssc-card';
import { VPCD_CARD_PORT, VPCD_SAM_PORT, VpcdSlot } from '../sim/vpcd';
import { modelPsamAuthenticator } from '../../src/main/core/ssc-card/psam';

const RUNS = Number(process.env.BENCH_CARD_RUNS ?? 20);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

export async function benchCard(): Promise<void> {
  await startPcscd();
  const card = new VirtualSscCard(SAMPLE_HOLDER);
  const cardSlot = new VpcdSlot(card, VPCD_CARD_PORT);
  const samSlot = new VpcdSlot(new VirtualPsam(), VPCD_SAM_PORT);
  await samSlot.insert();
  await cardSlot.insert();
  await new Promise((r) => setTimeout(r, 1000));
  const session = await openPcscSession({ timeoutMs: 5000 });
  try {
    const app: number[] = [];
    const bare: number[] = [];
    let apdus = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      apdus = (await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).apdus;
      app.push(performance.now() - t0);

      // The same sequence with no app logic: only what the protocol itself needs (the challenge and
      // cryptogram passed on).
      const t1 = performance.now();
      const send = async (ch: typeof session.card, a: Uint8Array) => splitResponse(await ch.transmit(a));
      await send(session.card, APDU.selectApplication());
      await send(session.card, APDU.selectFile(0xef05));
      const id = (await send(session.card, APDU.readTag(0x01))).data.subarray(2);
      for (const tag of [0x02, 0x03, 0x05, 0x06, 0x07]) await send(session.card, APDU.readTag(tag));
      const challenge = (await send(session.card, APDU.getChallenge())).data;
      const cryptogram = (await send(session.psam!, APDU.psamCryptogram(id.subarray(8), challenge))).data;
      await send(session.card, APDU.externalAuthenticate(cryptogram));
      await send(session.card, APDU.selectFile(0xef06));
      for (const tag of [0x08, 0x09, 0x4e, 0x0a, 0x0d]) await send(session.card, APDU.readTag(tag));
      bare.push(performance.now() - t1);
    }
    const overhead = (pct(app, 0.5) / pct(bare, 0.5) - 1) * 100;
    console.log(
      `card: PC/SC (pcscd + vpcd), ${RUNS} full reads with the PSAM, ${apdus} APDUs each: median ${pct(app, 0.5).toFixed(0)} ms, p95 ${pct(app, 0.95).toFixed(0)} ms; ` +
        `bare loop of the same APDUs: median ${pct(bare, 0.5).toFixed(0)} ms, p95 ${pct(bare, 0.95).toFixed(0)} ms; ` +
        `the app adds ${overhead.toFixed(1)}% (target < 10%); machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    );
  } finally {
    await session.close();
    await cardSlot.remove();
    await samSlot.remove();
  }
  await benchSerial();
}

/** The same read through a serial reader (docs/serial-reader-protocol.md) at 115200 baud on a socat pair. */
async function benchSerial(): Promise<void> {
  const { near: app, far: reader, proc: socat } = await socatPair(mkdtempSync(join(tmpdir(), 'acw-bench-serial-')), ['app', 'reader']);
  const emulator = new SerialReaderEmulator(reader);
  await emulator.open();
  emulator.slots[0] = new VirtualSscCard(SAMPLE_HOLDER);
  emulator.slots[1] = new VirtualPsam();
  const session = await openSerialReader(app, 115200);
  try {
    const times: number[] = [];
    let apdus = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      apdus = (await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).apdus;
      times.push(performance.now() - t0);
    }
    console.log(`card: serial reader at 115200 baud (socat pseudo-terminals), ${RUNS} full reads with the PSAM, ${apdus} APDUs each: median ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms`);
  } finally {
    await session.close();
    await emulator.close();
    socat.kill();
  }
}
