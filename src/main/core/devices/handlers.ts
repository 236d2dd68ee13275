import { arch, platform, release } from 'node:os';
import { z } from 'zod';
import type { DevicesHandlers } from '../../../shared/handlers';
import { appendAudit } from '../audit/audit';
import type { HandlerTable } from '../calls/handler-spec';
import { getSettings } from '../settings/settings';
import { decisionPrinter } from '../printing/choose-printer';
import type { SecretPort, SecretsWhere } from '../secrets/secret-port';
import type { PrinterPort } from '../printing/spooler';
import type { CardReaderState, ScannerState } from '../../../shared/permit-qr';

/** Where the secrets are; without a host's port (the tests), in the store itself. */
const secretsWhere = (secrets: SecretPort | null): SecretsWhere => secrets?.where ?? { kind: 'file', name: 'the store', fallbackReason: 'no key store was given to the core' };

export const devicesHandlers: HandlerTable<DevicesHandlers, { scanner: () => ScannerState; cardReader: () => CardReaderState; printers: PrinterPort; secrets: SecretPort | null }> = {
  'devices.health': {
    access: ['clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    run: async ({ db, scanner, cardReader, printers, now, secrets }) => {
      const printer = await decisionPrinter(db, printers);
      return {
        scanner: scanner(),
        cardReader: cardReader(),
        printers: { ...(await printers.list()), system: printers.system },
        decisionPrinter: printer,
        decisionCopies: printer ? await printers.jobFiles(printer.name) : null,
        secrets: secretsWhere(secrets),
        checkedAt: now().toISOString(),
      };
    },
  },
  'devices.diagnostics': {
    access: ['clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    // Device settings, states and versions only: no case, card or scan data, no names or numbers.
    run: async ({ db, scanner, cardReader, printers, now, version, session, secrets }) => {
      const s = getSettings(db);
      const at = now().toISOString();
      appendAudit(db, { at, actor: session.account!.username, action: 'diagnostics.saved' });
      const card = cardReader();
      return JSON.stringify(
        {
          report: 'acceptance-window diagnostics',
          at,
          app: version,
          runtime: { node: process.version, electron: process.versions.electron ?? null, platform: platform(), release: release(), arch: arch() },
          settings: { scannerKind: s.scannerKind, scannerPath: s.scannerPath, scannerBaudRate: s.scannerBaudRate, cardReader: s.cardReader, wedgeMaxGapMs: s.wedgeMaxGapMs },
          scanner: scanner(),
          cardReader: { enabled: card.enabled, state: card.state, cardReader: card.cardReader, psamReader: card.psamReader, lastError: card.lastError },
          printers: { system: printers.system, ...(await printers.list()), decisionPrinter: s.printer || null, jobFilesKept: s.printer ? await printers.jobFiles(s.printer) : null },
          secrets: secretsWhere(secrets),
        },
        null,
        2,
      );
    },
  },
};
