import { CAPTURE_MODES, type CaptureMode } from '../../../shared/evidence';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { LANGUAGES, type Language, type Settings } from '../../../shared/settings';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { FormField } from '../shell/FormField';
import { NumberBlocksPanel } from './NumberBlocksPanel';
import { UpstreamTokenForm } from './UpstreamTokenForm';
import { TrustListPanel } from './TrustListPanel';
import { CscaListPanel } from './CscaListPanel';
import { WorkdaysPanel } from './WorkdaysPanel';
import { RegionsPanel } from './RegionsPanel';

type TextKey =
  | 'officeCode'
  | 'windowNo'
  | 'officeWindows'
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

/** The originals a window may take an image of, as the checklist names them. */
const CAPTURE_MATERIALS = ['passport', 'work-visa-or-residence-permit', 'medical-report', 'contract', 'degree-certificate', 'no-criminal-record', 'employer-seal-copy'];
type SyncNumberKey = 'syncIntervalSeconds' | 'upstreamTimeoutSeconds' | 'syncStaleMinutes' | 'clockMaxOffsetMinutes' | 'decisionNumbersLow' | 'decisionNumbersBatch';
const SYNC_NUMBERS: SyncNumberKey[] = ['syncIntervalSeconds', 'upstreamTimeoutSeconds', 'syncStaleMinutes', 'clockMaxOffsetMinutes', 'decisionNumbersLow', 'decisionNumbersBatch'];
const DECISION_TEXTS: TextKey[] = [
  'officeCode',
  'windowNo',
  'officeWindows',
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
const GENERAL_NUMBERS = ['deadlineNearDays', 'scanLogDays', 'trustListStaleDays', 'wedgeMaxGapMs', 'followUpWorkingDays'] as const;
type NumberSetting = NumberKey | SyncNumberKey | 'idleLockMinutes' | 'evidenceKeepDays' | (typeof GENERAL_NUMBERS)[number];
const DECISION_NUMBERS: NumberKey[] = ['printTimeoutSeconds', 'noticeValidMonths', 'medicalValidMonths'];

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  // A refused field named as the form labels it (the CA file's text is kept as upstreamCaCertificates).
  const settingLabel = (field: string) => {
    const key = field === 'upstreamCaCertificates' ? 'upstreamCaFile' : field.split('.')[0];
    return i18n.exists(`settings.${key}`) ? t(`settings.${key}`) : field;
  };
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [printers, setPrinters] = useState<string[]>([]);

  const form = useRef<HTMLFormElement>(null);

  // A refused save takes the admin to the first field it names, with its words beside it.
  useEffect(() => {
    const bad = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    bad?.scrollIntoView({ block: 'center' });
    bad?.focus();
  }, [error]);

  useEffect(() => {
    void call('settings.get', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error)));
    void ask('devices.health', {}).then((v) => v !== null && setPrinters(v.printers.list.map((p) => p.name)));
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
  const numberField = (k: NumberSetting, testId = `setting-${k}`) => (
    <FormField key={k} name={k} label={t(`settings.${k}`)} error={error}>
      {(c) => <input {...c} type="number" data-testid={testId} value={settings[k]} onChange={(e) => setSettings({ ...settings, [k]: e.target.valueAsNumber })} />}
    </FormField>
  );
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('settings.heading')}</h1>
      <form className="card" onSubmit={save} ref={form} noValidate>
        <FormField name="officeName" label={t('settings.officeName')} error={error}>
          {(c) => (
            <input {...c} value={settings.officeName} onChange={(e) => setSettings({ ...settings, officeName: e.target.value })} />
          )}
        </FormField>
        <FormField name="defaultLanguage" label={t('settings.defaultLanguage')} error={error}>
          {(c) => (
            <select {...c} value={settings.defaultLanguage} onChange={(e) => setSettings({ ...settings, defaultLanguage: e.target.value as Language })}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>{t(`languages.${l}`)}</option>
              ))}
            </select>
          )}
        </FormField>
        {numberField('idleLockMinutes', 'idle-minutes')}
        {GENERAL_NUMBERS.map((k) => numberField(k))}
        <FormField name="scannerKind" label={t('settings.scannerKind')} error={error}>
          {(c) => (
            <select {...c} data-testid="scanner-kind" value={settings.scannerKind} onChange={(e) => setSettings({ ...settings, scannerKind: e.target.value as Settings['scannerKind'] })}>
              {(['none', 'serial', 'hid'] as const).map((k) => (
                <option key={k} value={k}>{t(`scan.scannerKind.${k}`)}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="scannerPath" label={t('settings.scannerPath')} error={error}>
          {(c) => (
            <input {...c} data-testid="scanner-path" value={settings.scannerPath} onChange={(e) => setSettings({ ...settings, scannerPath: e.target.value })} />
          )}
        </FormField>
        <FormField name="scannerBaudRate" label={t('settings.scannerBaudRate')} error={error}>
          {(c) => (
            <select {...c} value={settings.scannerBaudRate} onChange={(e) => setSettings({ ...settings, scannerBaudRate: Number(e.target.value) })}>
              {[1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].map((b) => (
                <option key={b} value={b}>{b}</option>
              ))}
            </select>
          )}
        </FormField>
        <fieldset data-testid="card-reader-settings">
          <legend>{t('settings.cardReader')}</legend>
          <FormField name="cardReader" label={t('settings.cardReaderTransport')} error={error}>
            {(c) => (
              <select {...c} data-testid="card-reader" value={settings.cardReader} onChange={(e) => setSettings({ ...settings, cardReader: e.target.value as typeof settings.cardReader })}>
                {(['none', 'pcsc', 'serial', 'hid'] as const).map((k) => (
                  <option key={k} value={k}>{t(`settings.cardReaderKind.${k}`)}</option>
                ))}
              </select>
            )}
          </FormField>
          {settings.cardReader === 'pcsc' && (
            <>
              <FormField name="cardReaderName" label={t('settings.cardReaderName')} error={error}>
                {(c) => (
                  <input {...c} data-testid="card-reader-name" value={settings.cardReaderName} placeholder={t('settings.firstReader')} onChange={(e) => setSettings({ ...settings, cardReaderName: e.target.value })} />
                )}
              </FormField>
              <FormField name="psamReaderName" label={t('settings.psamReaderName')} error={error}>
                {(c) => (
                  <input {...c} data-testid="psam-reader-name" value={settings.psamReaderName} placeholder={t('settings.samSlot')} onChange={(e) => setSettings({ ...settings, psamReaderName: e.target.value })} />
                )}
              </FormField>
            </>
          )}
          {settings.cardReader === 'serial' && (
            <>
              <FormField name="cardReaderPort" label={t('settings.cardReaderPort')} error={error}>
                {(c) => (
                  <input {...c} data-testid="card-reader-port" value={settings.cardReaderPort} onChange={(e) => setSettings({ ...settings, cardReaderPort: e.target.value })} />
                )}
              </FormField>
              <FormField name="cardReaderBaudRate" label={t('settings.scannerBaudRate')} error={error}>
                {(c) => (
                  <select {...c} data-testid="card-reader-baud" value={settings.cardReaderBaudRate} onChange={(e) => setSettings({ ...settings, cardReaderBaudRate: Number(e.target.value) })}>
                    {[9600, 19200, 38400, 57600, 115200].map((b) => (
                      <option key={b} value={b}>{b}</option>
                    ))}
                  </select>
                )}
              </FormField>
            </>
          )}
          {settings.cardReader === 'hid' && (
            <FormField name="cardReaderHidPath" label={t('settings.cardReaderHidPath')} error={error}>
              {(c) => (
                <input {...c} data-testid="card-reader-hid" value={settings.cardReaderHidPath} onChange={(e) => setSettings({ ...settings, cardReaderHidPath: e.target.value })} />
              )}
            </FormField>
          )}
        </fieldset>
        <fieldset data-testid="document-camera-settings">
          <legend>{t('settings.documentCameraHeading')}</legend>
          <FormField name="documentCamera" label={t('settings.documentCamera')} error={error}>
            {(c) => (
              <select {...c} data-testid="document-camera-kind" value={settings.documentCamera} onChange={(e) => setSettings({ ...settings, documentCamera: e.target.value as Settings['documentCamera'] })}>
                {(['uvc', 'eloam', 'none'] as const).map((k) => (
                  <option key={k} value={k}>{t(`settings.documentCameraKind.${k}`)}</option>
                ))}
              </select>
            )}
          </FormField>
          {settings.documentCamera === 'uvc' && (
            <FormField name="documentCameraName" label={t('settings.documentCameraName')} error={error}>
              {(c) => <input {...c} data-testid="document-camera-name" value={settings.documentCameraName} placeholder={t('settings.firstCamera')} onChange={(e) => setSettings({ ...settings, documentCameraName: e.target.value })} />}
            </FormField>
          )}
          {settings.documentCamera === 'eloam' && (
            <FormField name="documentCameraUrl" label={t('settings.documentCameraUrl')} error={error}>
              {(c) => <input {...c} data-testid="document-camera-url" value={settings.documentCameraUrl} onChange={(e) => setSettings({ ...settings, documentCameraUrl: e.target.value })} />}
            </FormField>
          )}
          {numberField('evidenceKeepDays')}
          <table className="results" data-testid="capture-modes">
            <caption>{t('settings.captureModes')}</caption>
            <tbody>
              {CAPTURE_MATERIALS.map((code) => (
                <tr key={code}>
                  <th>{t(`material.${code}`)}</th>
                  <td>
                    <select
                      data-testid={`capture-mode-${code}`}
                      aria-label={t(`material.${code}`)}
                      value={settings.captureModes[code] ?? 'optional'}
                      onChange={(e) => setSettings({ ...settings, captureModes: { ...settings.captureModes, [code]: e.target.value as CaptureMode } })}
                    >
                      {CAPTURE_MODES.map((m) => (
                        <option key={m} value={m}>{t(`settings.captureMode.${m}`)}</option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>{t('settings.decisionHeading')}</legend>
          {DECISION_TEXTS.map((k) => (
            <FormField key={k} name={k} label={t(`settings.${k}`)} error={error} rule={k.endsWith('NumberPattern') ? t('settings.rule.numberPattern') : undefined}>
              {(c) => <input {...c} data-testid={`setting-${k}`} value={settings[k]} onChange={(e) => setSettings({ ...settings, [k]: e.target.value })} />}
            </FormField>
          ))}
          <FormField name="printer" label={t('settings.printer')} error={error} rule={t('settings.rule.printer')}>
            {(c) => (
              <select {...c} data-testid="setting-printer" value={settings.printer} onChange={(e) => setSettings({ ...settings, printer: e.target.value })}>
                <option value="">{t('settings.defaultPrinter')}</option>
                {[...new Set([...printers, settings.printer].filter(Boolean))].map((p) => (
                  <option key={p} value={p}>{p}</option>
                ))}
              </select>
            )}
          </FormField>
          {DECISION_NUMBERS.map((k) => numberField(k))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.syncHeading')}</legend>
          <FormField name="upstreamUrl" label={t('settings.upstreamUrl')} error={error} rule={t('settings.rule.upstreamUrl')}>
            {(c) => (
              <input {...c} data-testid="setting-upstreamUrl" value={settings.upstreamUrl} placeholder="https://…" onChange={(e) => setSettings({ ...settings, upstreamUrl: e.target.value })} />
            )}
          </FormField>
          <p className="hint">{t('settings.upstreamHttpsHint')}</p>
          <FormField name="upstreamCaCertificates" label={t('settings.upstreamCaFile')} error={error}>
            {(c) => (
              <input {...c}
                type="file"
                accept=".pem,.crt,.cer,application/x-pem-file"
                data-testid="setting-upstreamCaFile"
                onChange={async (e) => {
                  const text = await e.target.files?.[0]?.text();
                  e.target.value = '';
                  if (text !== undefined) setSettings({ ...settings, upstreamCaCertificates: text });
                }}
              />
            )}
          </FormField>
          <p data-testid="upstream-ca-state">
            {settings.upstreamCaCertificates ? t('settings.upstreamCaSet') : t('settings.upstreamCaSystem')}{' '}
            {settings.upstreamCaCertificates && (
              <button type="button" onClick={() => setSettings({ ...settings, upstreamCaCertificates: '' })}>
                {t('settings.upstreamCaClear')}
              </button>
            )}
          </p>
          <FormField name="upstreamPins" label={t('settings.upstreamPins')} error={error} rule={t('settings.rule.upstreamPins')}>
            {(c) => (
              <textarea {...c}
                data-testid="setting-upstreamPins"
                rows={2}
                value={settings.upstreamPins.join('\n')}
                onChange={(e) => setSettings({ ...settings, upstreamPins: e.target.value.split('\n').map((p) => p.trim()).filter(Boolean) })}
              />
            )}
          </FormField>
          {SYNC_NUMBERS.map((k) => numberField(k))}
        </fieldset>
        <ErrorMessage error={error} fieldName={settingLabel} problemsBeside />
        {saved && <p role="status" className="ok" data-testid="settings-saved">{t('settings.saved')}</p>}
        <button type="submit" className="primary" data-testid="settings-save">{t('settings.save')}</button>
      </form>
      <UpstreamTokenForm />
      <NumberBlocksPanel />
      <TrustListPanel />
      <CscaListPanel />
      <WorkdaysPanel />
      <RegionsPanel />
    </section>
  );
}
