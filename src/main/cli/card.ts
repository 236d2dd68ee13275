import { parseArgs } from 'node:util';
import { CardError } from '../core/ssc-card/apdu';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { readSscCard } from '../core/ssc-card/read-card';
import { cardReaderFor } from '../platform/card-readers';
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
    // The same reader the window would use with these settings.
    const reader = cardReaderFor({
      ...DEFAULT_SETTINGS,
      cardReader: values.transport as 'pcsc' | 'serial' | 'hid',
      cardReaderName: values.reader ?? '',
      psamReaderName: values['psam-reader'] ?? '',
      cardReaderPort: values.transport === 'serial' ? values.port! : '',
      cardReaderHidPath: values.transport === 'hid' ? values.port! : '',
    })!;
    const session = await reader.open(3000);
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
