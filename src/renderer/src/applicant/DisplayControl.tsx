import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayStatus, PairingCode } from '../../../shared/applicant';
import type { ApiError } from '../../../shared/errors';
import { ask, call, onCoreEvent } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

/**
 * The clerk's side of the applicant's screen, on one line: pair a screen (a code to type on it, good
 * once), whether one is connected, and with a case open, the request for the service evaluation and
 * its answer.
 */
export function DisplayControl({ caseOpen }: { caseOpen: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DisplayStatus | null>(null);
  const [code, setCode] = useState<PairingCode | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(() => {
    void ask('applicant.status', {}).then((v) => {
      if (!v) return;
      setStatus(v);
      if (v.paired > 0) setCode(null);
    });
  }, []);
  useEffect(() => {
    refresh();
    return onCoreEvent((e) => e.type === 'applicant.changed' && refresh());
  }, [refresh, caseOpen]);

  async function pair() {
    const r = await call('applicant.pair', {});
    setError(r.ok ? null : r.error);
    if (r.ok) setCode(r.value);
  }
  async function askEvaluation() {
    const r = await call('applicant.askEvaluation', {});
    setError(r.ok ? null : r.error);
    if (r.ok) setStatus(r.value);
  }

  if (!status) return null;
  return (
    <div className="display-control row" data-testid="display-control" data-paired={status.paired}>
      <span className="hint">{t('applicant.screen')}:</span>
      <span data-testid="display-state">{status.paired > 0 ? t('applicant.connected') : t('applicant.notConnected')}</span>
      {code ? (
        <span role="status" data-testid="pairing">
          {t('applicant.typeCode', { url: `${location.origin}${location.pathname}#display` })} <strong className="mono big" data-testid="pairing-code">{code.code}</strong>
          {code.tabletUrls.length > 0 && (
            <span className="hint" data-testid="tablet-urls">
              {' '}
              {t('applicant.onTablet', { urls: code.tabletUrls.join(t('applicant.urlSeparator')) })}
            </span>
          )}
        </span>
      ) : (
        <button type="button" onClick={() => void pair()} data-testid="pair-display">
          {status.paired > 0 ? t('applicant.pairAnother') : t('applicant.pair')}
        </button>
      )}
      {caseOpen && status.paired > 0 && status.noticeNo && (
        status.evaluation === 'not-asked' ? (
          <button type="button" onClick={() => void askEvaluation()} data-testid="ask-evaluation">
            {t('applicant.askEvaluation')}
          </button>
        ) : (
          <span data-testid="evaluation-state" data-evaluation={status.evaluation} data-grade={status.grade ?? ''}>
            {status.evaluation === 'asked' ? t('applicant.evaluationAsked') : t('applicant.evaluated', { grade: t(`applicant.grade.${status.grade}`) })}
          </span>
        )
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
