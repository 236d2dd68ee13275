import { useState, type FormEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../../shared/verification';

export interface OutcomeChoice {
  outcome: Outcome;
  reasons: string[];
  supplements: string[];
  override?: { username: string; password: string; reason: string };
}

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** Submits the outcome form as its own button would: the form's checks first, then its submit. */
export function requestSignOff() {
  const form = document.getElementById('outcome-form');
  if (form instanceof HTMLFormElement) form.requestSubmit();
}

/**
 * The button that signs off the outcome form, wherever it is placed (it stays in view in the steps bar).
 * `onSignOff` decides when the form is submitted: an edit still waiting for its autosave is saved first,
 * since what blocks approval (and so whether the form asks for a supervisor's override) is the core's word
 * on the saved draft. Clicking sign-off right after "all originals as filed" otherwise met the old
 * blockers, a required override field, and a silent refusal.
 */
export function SignOffButton({ busy, onSignOff }: { busy: boolean; onSignOff: () => void }) {
  const { t } = useTranslation();
  const submit = (e: MouseEvent<HTMLButtonElement>) => {
    e.preventDefault();
    onSignOff();
  };
  return (
    <button type="submit" form="outcome-form" className="primary" data-testid="sign-off" disabled={busy} title="Alt+3" onClick={submit}>
      {busy ? t('verify.signing') : t('verify.signOff')}
    </button>
  );
}

/**
 * Approve, ask for supplements (one per line, pre-filled with what is missing), or reject (reasons).
 * Where approval is blocked, a supervisor types their username, password and a written reason here.
 */
export function OutcomeForm({
  blockers,
  suggestedSupplements,
  correcting,
  busy,
  onSubmit,
}: {
  blockers: string[];
  suggestedSupplements: string[];
  correcting: boolean;
  busy: boolean;
  onSubmit: (choice: OutcomeChoice) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('approved');
  const [supplements, setSupplements] = useState('');
  const [reasons, setReasons] = useState('');
  const [override, setOverride] = useState({ username: '', password: '', reason: '' });
  const needsOverride = outcome === 'approved' && blockers.length > 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    // Enter in a field while a sign-off is on its way does not send a second one.
    if (busy) return;
    onSubmit({
      outcome,
      reasons: outcome === 'rejected' ? lines(reasons) : [],
      supplements: outcome === 'supplement' ? lines(supplements || suggestedSupplements.join('\n')) : [],
      override: needsOverride ? override : undefined,
    });
    setOverride({ ...override, password: '' });
  }

  return (
    <form className="card outcome" id="outcome-form" onSubmit={submit} data-testid="outcome-form" aria-busy={busy}>
      <h3>{correcting ? t('verify.correctionHeading') : t('verify.outcomeHeading')}</h3>
      {blockers.length > 0 && (
        <p className="bad" data-testid="blockers">
          {t('verify.blockedBy')}: {blockers.map((b) => t(`verify.blocker.${b}`, { defaultValue: t(`checks.rule.${b}`, { defaultValue: b }) })).join(' · ')}
        </p>
      )}
      <div className="row" role="radiogroup" aria-label={t('verify.outcomeHeading')}>
        {(['approved', 'supplement', 'rejected'] as const).map((o) => (
          <label key={o} className="row">
            <input type="radio" name="outcome" value={o} data-testid={`outcome-${o}`} checked={outcome === o} onChange={() => setOutcome(o)} />
            {t(`verify.outcome.${o}`)}
          </label>
        ))}
      </div>
      {outcome === 'supplement' && (
        <label>
          {t('verify.supplements')}
          <textarea data-testid="supplements" rows={4} value={supplements || suggestedSupplements.join('\n')} onChange={(e) => setSupplements(e.target.value)} />
        </label>
      )}
      {outcome === 'rejected' && (
        <label>
          {t('verify.reasons')}
          <textarea data-testid="reasons" rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} required />
        </label>
      )}
      {needsOverride && (
        <fieldset data-testid="override">
          <legend>{t('verify.override')}</legend>
          <label>
            {t('signIn.username')}
            <input data-testid="override-username" value={override.username} onChange={(e) => setOverride({ ...override, username: e.target.value })} autoComplete="off" required />
          </label>
          <label>
            {t('signIn.password')}
            <input data-testid="override-password" type="password" value={override.password} onChange={(e) => setOverride({ ...override, password: e.target.value })} autoComplete="off" required />
          </label>
          <label>
            {t('verify.overrideReason')}
            <textarea data-testid="override-reason" rows={2} minLength={10} value={override.reason} onChange={(e) => setOverride({ ...override, reason: e.target.value })} required />
          </label>
        </fieldset>
      )}
      {/* The sign-off button is in the steps bar (form="outcome-form"), always in view. */}
    </form>
  );
}
