/**
 * Reading a passport's chip over the real PC/SC stack (pcscd + vpcd, a virtual passport with a 20 KB
 * face image): the median of a full read with passive authentication, of the read alone, and, in the
 * same run, of a bare loop that sends the same protected APDUs with no app logic (BAC, then SELECT and
 * READ BINARY of each file in 223-byte chunks of the known lengths). Run with `npm run bench -- passport`
 * (as root, so that pcscd can be started when it is not running).
 */
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { authenticateData, documentKeys, mrzInformation, sessionFrom, terminalRandoms } from '../../src/main/core/emrtd/bac';
import { EF, openWithBac } from '../../src/main/core/emrtd/chip';
import { readPassport } from '../../src/main/core/emrtd/read-passport';
import { SecureMessaging } from '../../src/main/core/emrtd/secure-messaging';
import { openPcscSession } from '../../src/main/platform/card-readers/pcsc';
import { makePassport } from '../sim/passport-pki';
import { VirtualPassport } from '../sim/virtual-passport';
import { VPCD_CARD_PORT, VpcdSlot } from '../sim/vpcd';
import { startPcscd } from '../support/pcscd';
import { td3For } from '../support/mrz';

const RUNS = Number(process.env.BENCH_PASSPORT_RUNS ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchPassport(): Promise<void> {
  await startPcscd();
  const lines = td3For({ name: 'ERIKSSON,ANNA MARIA', passportNo: 'L898902C', nationality: 'UTO', birthDate: '1974-08-12', sex: 'F' }, '301231');
  // A face image of about 20 KB (20,512 bytes), as passports carry (JPEG of noise so it does not compress away).
  const noise = Buffer.from(Array.from({ length: 200 * 250 * 3 }, (_, i) => (i * 2654435761) % 251));
  const photo = await sharp(noise, { raw: { width: 200, height: 250, channels: 3 } }).jpeg({ quality: 70 }).toBuffer();
  const made = makePassport({ mrz: lines, photo, signer: 'ec' });
  const files = { [EF.COM]: made.files.com, [EF.DG1]: made.files.dg1, [EF.DG2]: made.files.dg2, [EF.SOD]: made.files.sod };
  const key = { documentNumber: 'L898902C', birthDate: '740812', expiryDate: '301231' };
  const slot = new VpcdSlot(new VirtualPassport(files, key), VPCD_CARD_PORT);
  await slot.insert();
  await new Promise((r) => setTimeout(r, 1000));
  const session = await openPcscSession({ timeoutMs: 5000 });
  try {
    const full: number[] = [];
    const readOnly: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const r = await readPassport(session.card, key, [made.csca]);
      full.push(performance.now() - t);
      if (!r.ok) throw new Error(`the bench's passport did not read: ${r.problems.join(', ')}`);

      t = performance.now();
      const chip = await openWithBac(session.card, key);
      for (const fid of [EF.DG1, EF.DG2, EF.SOD]) await chip.readFile(fid);
      readOnly.push(performance.now() - t);

      // The bare loop: the protocol's own steps only, every length known beforehand.
      t = performance.now();
      const ch = session.card;
      await ch.transmit(Buffer.from('00A4040C07A0000002471001', 'hex'));
      const rndIc = Buffer.from((await ch.transmit(Buffer.from('0084000008', 'hex'))).subarray(0, 8));
      const keys = documentKeys(mrzInformation(key));
      const { rndIfd, kIfd } = terminalRandoms();
      const data = authenticateData(keys, rndIc, rndIfd, kIfd);
      const answer = await ch.transmit(Buffer.concat([Buffer.from([0x00, 0x82, 0x00, 0x00, 0x28]), data, Buffer.from([0x28])]));
      const sm = new SecureMessaging(sessionFrom(keys, rndIc, rndIfd, kIfd, Buffer.from(answer.subarray(0, 40)))!);
      for (const fid of [EF.DG1, EF.DG2, EF.SOD]) {
        sm.unwrap(await ch.transmit(sm.wrap({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: Buffer.from([fid >> 8, fid & 0xff]) })));
        sm.unwrap(await ch.transmit(sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 })));
        const size = files[fid].length;
        for (let off = 4; off < size; off += 223) sm.unwrap(await ch.transmit(sm.wrap({ cla: 0, ins: 0xb0, p1: off >> 8, p2: off & 0xff, le: Math.min(223, size - off) })));
      }
      bare.push(performance.now() - t);
    }
    const overhead = (median(readOnly) / median(bare) - 1) * 100;
    console.log(
      `passport: PC/SC (pcscd + vpcd), DG2 ${made.files.dg2.length} bytes, ${RUNS} runs: full read with passive authentication median ${median(full).toFixed(0)} ms; ` +
        `the read alone ${median(readOnly).toFixed(0)} ms; bare loop of the same APDUs ${median(bare).toFixed(0)} ms; the app adds ${overhead.toFixed(1)}% (target < 5%); ` +
        `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    );
  } finally {
    await session.close();
    await slot.remove();
    rmSync(made.dir, { recursive: true, force: true });
  }
}
