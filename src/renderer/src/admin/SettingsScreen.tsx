import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { LANGUAGES, type Language, type Settings } from '../../../shared/settings';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { NumberBlocksPanel } from './NumberBlocksPanel';
import { UpstreamTokenForm } from './UpstreamTokenForm';
import { TrustListPanel } from './TrustListPanel';
import { WorkdaysPanel } from './WorkdaysPanel';
import { RegionsPanel } from './RegionsPanel';

type TextKey =
  | 'officeCode'
  | 'windowNo'
  | 'authorityName'
  | 'authorityNameEn'
  | 'officeAddress'
  | 'officePhone'
  | 'decisionNumberPattern'
  | 'refusalNumberPattern'
  | 'supplementNumberPattern'
  | 'serviceNumberPattern'
  | 'reconsiderationBody'
  | 'reconsiderationBodyEn'
  | 'litigationCourt'
  | 'litigationCourtEn'
  | 'windowHours'
  | 'windowHoursEn';
type NumberKey = 'printTimeoutSeconds' | 'noticeValidMonths' | 'medicalValidMonths';
type SyncNumberKey = 'syncIntervalSeconds' | 'upstreamTimeoutSeconds' | 'syncStaleMinutes' | 'clockMaxOffsetMinutes' | 'decisionNumbersLow' | 'decisionNumbersBatch';
const SYNC_NUMBERS: SyncNumberKey[] = ['syncIntervalSeconds', 'upstreamTimeoutSeconds', 'syncStaleMinutes', 'clockMaxOffsetMinutes', 'decisionNumbersLow', 'decisionNumbersBatch'];
const DECISION_TEXTS: TextKey[] = [
  'officeCode',
  'windowNo',
  'authorityName',
  'authorityNameEn',
  'officeAddress',
  'officePhone',
  'decisionNumberPattern',
  // The other documents: their number patterns, where a refusal says to seek reconsideration and to sue, the window's hours.
  'refusalNumberPattern',
  'supplementNumberPattern',
  'serviceNumberPattern',
  'reconsiderationBody',
  'reconsiderationBodyEn',
  'litigationCourt',
  'litigationCourtEn',
  'windowHours',
  'windowHoursEn',
];
const DECISION_NUMBERS: NumberKey[] = ['printTimeoutSeconds', 'noticeValidMonths', 'medicalValidMonths'];

export function SettingsScreen() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [printers, setPrinters] = useState<string[]>([]);

  useEffect(() => {
    void call('settings.get', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error)));
    void call('devices.health', {}).then((r) => r.ok && setPrinters(r.value.printers.list.map((p) => p.name)));
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!settings) return;
    const r = await call('settings.update', settings);
    setSaved(r.ok);
    if (r.ok) {
      setSettings(r.value);
      setError(null);
    } else setError(r.error);
  }

  if (!settings) return <p>{t('common.loading')}</p>;
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('settings.heading')}</h1>
      <form className="card" onSubmit={save}>
        <label>
          {t('settings.officeName')}
          <input value={settings.officeName} onChange={(e) => setSettings({ ...settings, officeName: e.target.value })} />
        </label>
        <label>
          {t('settings.defaultLanguage')}
          <select value={settings.defaultLanguage} onChange={(e) => setSettings({ ...settings, defaultLanguage: e.target.value as Language })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>{t(`languages.${l}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.idleLockMinutes')}
          <input type="number" data-testid="idle-minutes" value={settings.idleLockMinutes} onChange={(e) => setSettings({ ...settings, idleLockMinutes: e.target.valueAsNumber })} />
        </label>
        <label>
          {t('settings.deadlineNearDays')}
          <input type="number" value={settings.deadlineNearDays} onChange={(e) => setSettings({ ...settings, deadlineNearDays: e.target.valueAsNumber })} />
        </label>
        <label>
          {t('settings.scanLogDays')}
          <input type="number" value={settings.scanLogDays} onChange={(e) => setSettings({ ...settings, scanLogDays: e.target.valueAsNumber })} />
        </label>
        <label>
          {t('settings.trustListStaleDays')}
          <input type="number" value={settings.trustListStaleDays} onChange={(e) => setSettings({ ...settings, trustListStaleDays: e.target.valueAsNumber })} />
        </label>
        <label>
          {t('settings.wedgeMaxGapMs')}
          <input type="number" value={settings.wedgeMaxGapMs} onChange={(e) => setSettings({ ...settings, wedgeMaxGapMs: e.target.valueAsNumber })} />
        </label>
        <label>
          {t('settings.scannerKind')}
          <select data-testid="scanner-kind" value={settings.scannerKind} onChange={(e) => setSettings({ ...settings, scannerKind: e.target.value as Settings['scannerKind'] })}>
            {(['none', 'serial', 'hid'] as const).map((k) => (
              <option key={k} value={k}>{t(`scan.scannerKind.${k}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.scannerPath')}
          <input data-testid="scanner-path" value={settings.scannerPath} onChange={(e) => setSettings({ ...settings, scannerPath: e.target.value })} />
        </label>
        <label>
          {t('settings.scannerBaudRate')}
          <select value={settings.scannerBaudRate} onChange={(e) => setSettings({ ...settings, scannerBaudRate: Number(e.target.value) })}>
            {[1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].map((b) => (
              <option key={b} value={b}>{b}</option>
            ))}
          </select>
        </label>
        <fieldset data-testid="card-reader-settings">
          <legend>{t('settings.cardReader')}</legend>
          <label>
            {t('settings.cardReaderTransport')}
            <select data-testid="card-reader" value={settings.cardReader} onChange={(e) => setSettings({ ...settings, cardReader: e.target.value as typeof settings.cardReader })}>
              {(['none', 'pcsc', 'serial', 'hid'] as const).map((k) => (
                <option key={k} value={k}>{t(`settings.cardReaderKind.${k}`)}</option>
              ))}
            </select>
          </label>
          {settings.cardReader === 'pcsc' && (
            <>
              <label>
                {t('settings.cardReaderName')}
                <input data-testid="card-reader-name" value={settings.cardReaderName} placeholder={t('settings.firstReader')} onChange={(e) => setSettings({ ...settings, cardReaderName: e.target.value })} />
              </label>
              <label>
                {t('settings.psamReaderName')}
                <input data-testid="psam-reader-name" value={settings.psamReaderName} placeholder={t('settings.samSlot')} onChange={(e) => setSettings({ ...settings, psamReaderName: e.target.value })} />
              </label>
            </>
          )}
          {settings.cardReader === 'serial' && (
            <>
              <label>
                {t('settings.cardReaderPort')}
                <input data-testid="card-reader-port" value={settings.cardReaderPort} onChange={(e) => setSettings({ ...settings, cardReaderPort: e.target.value })} />
              </label>
              <label>
                {t('settings.scannerBaudRate')}
                <select data-testid="card-reader-baud" value={settings.cardReaderBaudRate} onChange={(e) => setSettings({ ...settings, cardReaderBaudRate: Number(e.target.value) })}>
                  {[9600, 19200, 38400, 57600, 115200].map((b) => (
                    <option key={b} value={b}>{b}</option>
                  ))}
                </select>
              </label>
            </>
          )}
          {settings.cardReader === 'hid' && (
            <label>
              {t('settings.cardReaderHidPath')}
              <input data-testid="card-reader-hid" value={settings.cardReaderHidPath} onChange={(e) => setSettings({ ...settings, cardReaderHidPath: e.target.value })} />
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('settings.decisionHeading')}</legend>
          {DECISION_TEXTS.map((k) => (
            <label key={k}>
              {t(`settings.${k}`)}
              <input data-testid={`setting-${k}`} value={settings[k]} onChange={(e) => setSettings({ ...settings, [k]: e.target.value })} />
            </label>
          ))}
          <label>
            {t('settings.printer')}
            <select data-testid="setting-printer" value={settings.printer} onChange={(e) => setSettings({ ...settings, printer: e.target.value })}>
              <option value="">{t('settings.defaultPrinter')}</option>
              {[...new Set([...printers, settings.printer].filter(Boolean))].map((p) => (
                <option key={p} value={p}>{p}</option>
              ))}
            </select>
          </label>
          {DECISION_NUMBERS.map((k) => (
            <label key={k}>
              {t(`settings.${k}`)}
              <input type="number" data-testid={`setting-${k}`} value={settings[k]} onChange={(e) => setSettings({ ...settings, [k]: e.target.valueAsNumber })} />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.syncHeading')}</legend>
          <label>
            {t('settings.upstreamUrl')}
            <input data-testid="setting-upstreamUrl" value={settings.upstreamUrl} placeholder="https://…" onChange={(e) => setSettings({ ...settings, upstreamUrl: e.target.value })} />
          </label>
          <p className="hint">{t('settings.upstreamHttpsHint')}</p>
          <label>
            {t('settings.upstreamCaFile')}
            <input
              type="file"
              accept=".pem,.crt,.cer,application/x-pem-file"
              data-testid="setting-upstreamCaFile"
              onChange={async (e) => {
                const text = await e.target.files?.[0]?.text();
                e.target.value = '';
                if (text !== undefined) setSettings({ ...settings, upstreamCaCertificates: text });
              }}
            />
          </label>
          <p data-testid="upstream-ca-state">
            {settings.upstreamCaCertificates ? t('settings.upstreamCaSet') : t('settings.upstreamCaSystem')}{' '}
            {settings.upstreamCaCertificates && (
              <button type="button" onClick={() => setSettings({ ...settings, upstreamCaCertificates: '' })}>
                {t('settings.upstreamCaClear')}
              </button>
            )}
          </p>
          <label>
            {t('settings.upstreamPins')}
            <textarea
              data-testid="setting-upstreamPins"
              rows={2}
              value={settings.upstreamPins.join('\n')}
              onChange={(e) => setSettings({ ...settings, upstreamPins: e.target.value.split('\n').map((p) => p.trim()).filter(Boolean) })}
            />
          </label>
          {SYNC_NUMBERS.map((k) => (
            <label key={k}>
              {t(`settings.${k}`)}
              <input type="number" data-testid={`setting-${k}`} value={settings[k]} onChange={(e) => setSettings({ ...settings, [k]: e.target.valueAsNumber })} />
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={error} />
        {saved && <p role="status" className="ok" data-testid="settings-saved">{t('settings.saved')}</p>}
        <button type="submit" className="primary" data-testid="settings-save">{t('settings.save')}</button>
      </form>
      <UpstreamTokenForm />
      <NumberBlocksPanel />
      <TrustListPanel />
      <WorkdaysPanel />
      <RegionsPanel />
    </section>
  );
}
