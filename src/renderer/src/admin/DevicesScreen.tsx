import { SyncPanel } from '../sync/SyncPanel';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { DeviceHealth } from '../../../shared/permit-qr';
import { call, onCoreEvent } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { beijingTime } from '../shell/time';

/** How a device's state reads: working, needing a look, failing, or turned off in Settings (neither green nor red). */
type Tone = 'ok' | 'warn' | 'bad' | 'off';

/** Every device at the window, its state and last error; and a diagnostics report for IT. */
export function DevicesScreen() {
  const { t } = useTranslation();
  const [health, setHealth] = useState<DeviceHealth | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(() => {
    void call('devices.health', {}).then((r) => (r.ok ? setHealth(r.value) : setError(r.error)));
  }, []);
  useEffect(() => {
    refresh();
    return onCoreEvent((e) => {
      if (e.type === 'scanner.state' || e.type === 'card.state') refresh();
    });
  }, [refresh]);

  async function saveReport() {
    const r = await call('devices.diagnostics', {});
    if (!r.ok) return setError(r.error);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([r.value], { type: 'application/json' }));
    link.download = `acceptance-window-diagnostics-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  if (!health) return <ErrorMessage error={error} />;
  const cardOff = health.cardReader.state === 'off';
  // `error` is said in the user's words; `detail` keeps the system's own (spooler, D-Bus) under Details.
  const rows: { id: string; device: string; state: string; tone: Tone; error: string | null; detail?: string | null }[] = [
    {
      id: 'scanner',
      // The row names the device, then how it is attached; "None" alone read as if the device were called that.
      device: `${t('devices.scanner')}${health.scanner.kind !== 'none' ? ` · ${t(`scan.scannerKind.${health.scanner.kind}`)}` : ''}${health.scanner.device ? ` (${health.scanner.device})` : ''}`,
      state: health.scanner.kind === 'none' ? t('devices.scannerOff') : t(`scan.scannerStates.${health.scanner.state}`),
      tone: health.scanner.kind === 'none' ? 'off' : health.scanner.state === 'connected' ? 'ok' : health.scanner.state === 'connecting' ? 'warn' : 'bad',
      error: health.scanner.lastError,
    },
    {
      id: 'card-reader',
      device: `${t('devices.cardReader')}${health.cardReader.transport ? ` · ${t(`settings.cardReaderKind.${health.cardReader.transport}`)}` : ''}${health.cardReader.cardReader ?? health.cardReader.device ? ` (${health.cardReader.cardReader ?? health.cardReader.device})` : ''}`,
      state: t(`devices.cardStates.${health.cardReader.state}`),
      tone: cardOff ? 'off' : health.cardReader.state === 'unavailable' ? 'bad' : 'ok',
      error: health.cardReader.lastError ? `${t(`card.error.${health.cardReader.lastError.code}`)} (${beijingTime(health.cardReader.lastError.at, t, { seconds: true })})` : null,
    },
    {
      id: 'psam',
      device: t('devices.psam'),
      // Without a PSAM the card's data is read but not authenticated: a warning, not a pass.
      state: cardOff ? t('devices.psamOff') : (health.cardReader.psamReader ?? t('devices.psamMissing')),
      tone: cardOff ? 'off' : health.cardReader.psamReader ? 'ok' : 'warn',
      error: null,
    },
    {
      id: 'decision-printer',
      device: t('devices.decisionPrinter'),
      state: health.decisionPrinter ? t(`decision.printsOn.${health.decisionPrinter.how}`, { printer: health.decisionPrinter.name }) : t('decision.noPrinter'),
      tone: health.decisionPrinter && health.printers.list.some((p) => p.name === health.decisionPrinter!.name && p.state !== 'disabled') ? 'ok' : 'bad',
      error: health.decisionPrinter && health.printers.available && !health.printers.list.some((p) => p.name === health.decisionPrinter!.name) ? t('decision.printError.printer-not-found', { printer: health.decisionPrinter.name }) : null,
    },
    ...(health.decisionCopies?.kept
      ? [{ id: 'decision-copies', device: t('devices.decisionCopies'), state: t('devices.copiesKept'), tone: 'warn' as const, error: t('devices.copiesKeptWhy'), detail: health.decisionCopies.detail }]
      : []),
    {
      id: 'secrets',
      device: t('devices.secrets'),
      state: t(`devices.secretsKind.${health.secrets.kind}`, { name: health.secrets.name }),
      // The fallback files are the stated fallback, not a fault, but they protect less: amber, with why.
      tone: health.secrets.kind !== 'file' ? 'ok' : 'warn',
      error: health.secrets.fallbackReason ? t('devices.secretsFallbackWhy') : null,
      detail: health.secrets.fallbackReason,
    },
    ...(health.printers.available
      ? health.printers.list.map((p) => ({ id: `printer-${p.name}`, device: `${t('devices.printer')} ${p.name}${p.isDefault ? ` (${t('devices.default')})` : ''}`, state: t(`devices.printerStates.${p.state}`), tone: p.state === 'disabled' ? ('bad' as const) : ('ok' as const), error: null }))
      : [{ id: 'printer', device: t('devices.printer'), state: t('devices.unavailable'), tone: 'bad' as const, error: health.printers.error ? t('devices.spoolerUnreachable') : null, detail: health.printers.error }]),
  ];
  return (
    <section aria-labelledby="devices-h">
      <h1 id="devices-h">{t('devices.heading')}</h1>
      <SyncPanel />
      <table className="results" data-testid="devices">
        <thead>
          <tr>
            <th>{t('devices.device')}</th>
            <th>{t('devices.state')}</th>
            <th>{t('devices.lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-device={r.id}>
              <td>{r.device}</td>
              <td className={`tone-text-${r.tone}`} data-tone={r.tone}>{r.state}</td>
              <td>
                {r.error ?? ''}
                {r.detail && (
                  <details>
                    <summary>{t('devices.details')}</summary>
                    <code>{r.detail}</code>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button onClick={refresh} data-testid="devices-refresh">{t('devices.refresh')}</button>
        <button className="primary" onClick={() => void saveReport()} data-testid="diagnostics">{t('devices.saveReport')}</button>
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}
