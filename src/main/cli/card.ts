import { parseArgs } from 'node:util';
import { CardError } from '../core/ssc-card/apdu';
import { openPcscSession } from '../core/ssc-card/pcsc';
import { readSscCard } from '../core/ssc-card/read-card';
import { openSerialReader } from '../core/ssc-card/serial-reader';
import { openHidReader } from '../core/ssc-card/hid-reader';
import { nodeHidBackend } from '../core/scanners/drivers';
import { UsageError, asUsage, printJson } from './usage';
import { modelPsamAuthenticator } from '../core/ssc-card/psam';

/**
 * `card read`: one JSON object with the card's fields (absent ones null), exit 0; on failure
 * {"error": "<code>", "message": "..."}, exit 1.
 */
export async function card(args: string[]): Promise<void> {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { transport: { type: 'string', default: 'pcsc' }, reader: { type: 'string' }, port: { type: 'string' }, 'psam-reader': { type: 'string' } },
    }),
  );
  if (positionals[0] !== 'read' || positionals.length !== 1) throw new UsageError('the card command is "card read"');
  if (!['pcsc', 'serial', 'hid'].includes(values.transport!)) throw new UsageError('"--transport" must be pcsc, serial or hid');
  if (values.reader && values.port) throw new UsageError('give "--reader" or "--port", not both');
  try {
    if (values.transport !== 'pcsc' && !values.port) throw new UsageError(`"--port" is required with "--transport ${values.transport}" (a serial port, or a HID device path)`);
    const session =
      values.transport === 'serial'
        ? await openSerialReader(values.port!)
        : values.transport === 'hid'
          ? await openHidReader(await nodeHidBackend(), values.port!)
          : await openPcscSession({ reader: values.reader, psamReader: values['psam-reader'] });
    try {
      printJson((await readSscCard(session.card, session.psam && modelPsamAuthenticator(session.psam))).data);
    } finally {
      await session.close();
    }
  } catch (err) {
    if (!(err instanceof CardError)) throw err;
    printJson({ error: err.code, message: err.message });
    process.exitCode = 1;
  }
}
