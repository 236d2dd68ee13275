/**
 * The command line: the same core functions as the app, for scripts and tests.
 *   npm run -s cli -- verify --trust-list FILE [--trust-root FILE] [--revocations FILE] [--at RFC3339] (--text TEXT | --image FILE)
 *   npm run -s cli -- scan FILE...
 *   npm run -s cli -- make-qr [--key FILE] --permit FILE --out FILE.png
 *   npm run -s cli -- card read [--transport pcsc|serial|hid] [--reader NAME | --port PATH]
 *   npm run -s cli -- mrz read FILE
 *   npm run -s cli -- passport read [--reader NAME] (--mrz LINE2 | --document-number N --birth-date YYMMDD --expiry-date YYMMDD) [--csca FILE]...
 *   npm run -s cli -- mrz read FILE
 *   npm run -s cli -- passport read [--reader NAME] (--mrz LINE2 | --document-number N --birth-date YYMMDD --expiry-date YYMMDD) [--csca FILE]...
  npm run -s cli -- check photo FILE | check mrz LINE1 LINE2 | check uscc CODE
 *   npm run -s cli -- audit verify [--data DIR]
 *   npm run -s cli -- workdays add DATE N | workdays count FROM TO [--schedule FILE]...
 *   npm run -s cli -- document render grant|refusal|supplement|service --case CASE.json --out FILE.pdf [options]
 */
import { audit } from './audit';
import { card } from './card';
import { check } from './check';
import { document } from './document';
import { makeQr } from './make-qr';
import { mrz } from './mrz';
import { passport } from './passport';
import { scan } from './scan';
import { UsageError } from './usage';
import { verify } from './verify';
import { workdays } from './workdays';

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { verify, scan, 'make-qr': makeQr, card, check, mrz, passport, audit, workdays, document };

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const run = COMMANDS[command ?? ''];
  try {
    if (!run) throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
    await run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`cli: ${err.message}\n${USAGE}`);
      process.exit(2);
    }
    throw err;
  }
}

const USAGE = `usage:
  npm run -s cli -- verify --trust-list FILE [--trust-root FILE] [--revocations FILE] [--at RFC3339] (--text TEXT | --image FILE)
  npm run -s cli -- scan FILE...
  npm run -s cli -- make-qr [--key FILE] --permit FILE --out FILE.png
  npm run -s cli -- card read [--transport pcsc|serial|hid] [--reader NAME | --port PATH] [--psam-reader NAME]
  npm run -s cli -- mrz read FILE
  npm run -s cli -- passport read [--reader NAME] (--mrz LINE2 | --document-number N --birth-date YYMMDD --expiry-date YYMMDD) [--csca FILE]...
  npm run -s cli -- check photo FILE | check mrz LINE1 LINE2 | check uscc CODE
  npm run -s cli -- audit verify [--data DIR]
  npm run -s cli -- workdays add DATE N | workdays count FROM TO [--schedule FILE]...
  npm run -s cli -- document render grant|refusal|supplement|service --case CASE.json --out FILE.pdf
      [--number TEXT] [--date YYYY-MM-DD] [--reason TEXT]... [--missing TEXT]... [--recipient NAME]
      [--serves NUMBER]... [--agent-id TEXT --power-of-attorney TEXT] [--data DIR]
`;

void main();
