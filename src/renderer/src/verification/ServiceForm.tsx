import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { DecisionView, ServiceRecipient, SignatureStrokes } from '../../../shared/verification';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { SignaturePad } from './SignaturePad';

/**
 * Serving a document at the window: who receives it (the applicant, or an agent with an identity
 * document and a power of attorney), and the recipient's signature on screen, or on the printed
 * proof of service. The proof is issued, numbered and archived, and then printed like any document.
 */
export function ServiceForm({ document, applicantName, onDone }: { document: DecisionView; applicantName: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ServiceRecipient['kind']>('applicant');
  const [name, setName] = useState(applicantName);
  const [agent, setAgent] = useState({ agentIdType: '', agentIdNo: '', powerOfAttorney: '' });
  const [onPaper, setOnPaper] = useState(false);
  const [signature, setSignature] = useState<SignatureStrokes | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const recipient: ServiceRecipient = kind === 'applicant' ? { kind, name } : { kind, name, ...agent };
    const r = await call('decisions.recordService', { documentIds: [document.id], recipient, method: 'window', signature: onPaper ? null : signature });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    onDone();
  }

  const signed = onPaper || signature !== null;
  return (
    <form onSubmit={submit} data-testid="service-form" className="card">
      <h5>{t('service.heading', { number: document.number })}</h5>
      <label>
        {t('service.recipient')}
        <select value={kind} onChange={(e) => setKind(e.target.value as ServiceRecipient['kind'])} data-testid="service-kind">
          <option value="applicant">{t('service.kind.applicant')}</option>
          <option value="agent">{t('service.kind.agent')}</option>
        </select>
      </label>
      <label>
        {t('service.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} data-testid="service-name" />
      </label>
      {kind === 'agent' && (
        <>
          <label>
            {t('service.agentIdType')}
            <input value={agent.agentIdType} onChange={(e) => setAgent({ ...agent, agentIdType: e.target.value })} required maxLength={40} data-testid="service-agent-id-type" />
          </label>
          <label>
            {t('service.agentIdNo')}
            <input value={agent.agentIdNo} onChange={(e) => setAgent({ ...agent, agentIdNo: e.target.value })} required maxLength={64} data-testid="service-agent-id" />
          </label>
          <label>
            {t('service.powerOfAttorney')}
            <input value={agent.powerOfAttorney} onChange={(e) => setAgent({ ...agent, powerOfAttorney: e.target.value })} required maxLength={200} data-testid="service-poa" />
          </label>
        </>
      )}
      <p className="hint">{t('service.method')}</p>
      <label className="row">
        <input type="checkbox" checked={onPaper} onChange={(e) => setOnPaper(e.target.checked)} data-testid="service-on-paper" />
        {t('service.onPaper')}
      </label>
      {!onPaper && (
        <>
          <p className="hint">{t('service.signHere')}</p>
          <SignaturePad onChange={setSignature} />
        </>
      )}
      <button type="submit" className="primary" disabled={busy || !signed} data-testid="service-submit">
        {t('service.submit')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
