import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * Where the applicant's screen is served for a tablet, from the host's command line:
 *   --display-port N  --display-host ADDRESS  --display-cert FILE --display-key FILE  [--display-plain-http]
 * Without `--display-port` there is no such address (a second browser window or Electron's second
 * display is paired through the main address). The display shows a holder's name and case: beyond
 * loopback it is served over TLS unless the office says, with `--display-plain-http`, that the cable
 * between the PC and the tablet is its own.
 */
export interface DisplayOptions {
  port: number;
  host: string;
  tls: { cert: Buffer; key: Buffer } | null;
}

export class DisplayOptionsError extends Error {}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const DISPLAY_USAGE = '[--display-port N] [--display-host ADDRESS] [--display-cert FILE --display-key FILE] [--display-plain-http]';

/** The options as `parseArgs` takes them, for a host's own strict parse of its command line. */
export const DISPLAY_ARGS = {
  'display-port': { type: 'string' },
  'display-host': { type: 'string' },
  'display-cert': { type: 'string' },
  'display-key': { type: 'string' },
  'display-plain-http': { type: 'boolean' },
} as const;

/** The options from an argument list; other arguments are left alone (Electron and Chromium add their own). Null when none was asked for. */
export function parseDisplayOptions(argv: string[]): DisplayOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: DISPLAY_ARGS,
    strict: false,
    allowPositionals: true,
  });
  const text = (name: string) => {
    const v = values[name];
    if (v === true) throw new DisplayOptionsError(`"--${name}" needs a value`);
    return typeof v === 'string' ? v : undefined;
  };
  const portText = text('display-port');
  const host = text('display-host');
  const certFile = text('display-cert');
  const keyFile = text('display-key');
  if (portText === undefined) {
    if (host !== undefined || certFile !== undefined || keyFile !== undefined || values['display-plain-http'] !== undefined) {
      throw new DisplayOptionsError('"--display-port" is needed for the applicant display\'s other options');
    }
    return null;
  }
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new DisplayOptionsError('"--display-port" must be a whole number from 0 to 65535');
  if ((certFile === undefined) !== (keyFile === undefined)) throw new DisplayOptionsError('"--display-cert" and "--display-key" go together');
  const address = host ?? '127.0.0.1';
  if (certFile === undefined && !LOOPBACK.has(address) && values['display-plain-http'] !== true) {
    throw new DisplayOptionsError(
      `the applicant display on ${address} would send holders' names in clear: give "--display-cert" and "--display-key", or "--display-plain-http" for a network that is the office's own`,
    );
  }
  let tls: DisplayOptions['tls'] = null;
  if (certFile !== undefined && keyFile !== undefined) {
    const read = (file: string, what: string) => {
      try {
        return readFileSync(file);
      } catch (err) {
        throw new DisplayOptionsError(`the display's ${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    };
    tls = { cert: read(certFile, 'certificate'), key: read(keyFile, 'key') };
  }
  return { port, host: address, tls };
}
