import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { Outcome } from '../../../shared/verification';
import { ErrorMessage } from '../shell/ErrorMessage';

export interface OutcomeChoice {
  outcome: Outcome;
  reasons: string[];
  supplements: string[];
  override?: { username: string; password: string; reason: string };
}

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

type ErrorPlace = 'form' | 'reasons' | 'supplements' | 'override-password' | 'override-reason';

/** The field a refused sign-off concerns: a supervisor's credentials, the override's reason, the reasons or supplements. */
function errorPlace(error: ApiError): ErrorPlace {
  if (['wrong-credentials', 'account-locked', 'supervisor-required'].includes(error.code)) return 'override-password';
  const field = error.fields?.[0] ?? '';
  if (field.startsWith('override.reason')) return 'override-reason';
  if (field.startsWith('override')) return 'override-password';
  if (field.startsWith('reasons')) return 'reasons';
  if (field.startsWith('supplements')) return 'supplements';
  return 'form';
}

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
    <button type="submit" form="outcome-form" className="primary" data-focus="sign-off" data-testid="sign-off" disabled={busy} title="Alt+3" onClick={submit}>
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
  error,
  onSubmit,
}: {
  blockers: string[];
  suggestedSupplements: string[];
  correcting: boolean;
  busy: boolean;
  /** Why the last sign-off was refused: said beside the field it concerns, which takes the focus. */
  error: ApiError | null;
  onSubmit: (choice: OutcomeChoice) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('approved');
  const [supplements, setSupplements] = useState('');
  const [reasons, setReasons] = useState('');
  const [override, setOverride] = useState({ username: '', password: '', reason: '' });
  const needsOverride = outcome === 'approved' && blockers.length > 0;
  const where = error ? errorPlace(error) : null;
  const fields = useRef(new Map<ErrorPlace, HTMLElement | null>());
  const at = (p: ErrorPlace) => (el: HTMLElement | null) => void fields.current.set(p, el);
  useEffect(() => {
    if (!error) return;
    const el = fields.current.get(errorPlace(error)) ?? fields.current.get('form');
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }, [error]);
  const errorBeside = (p: ErrorPlace) => where === p && <ErrorMessage error={error} id="outcome-error" />;
  const describedBy = (p: ErrorPlace) => (where === p ? 'outcome-error' : undefined);

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
      <h3 ref={at('form')} tabIndex={-1}>{correcting ? t('verify.correctionHeading') : t('verify.outcomeHeading')}</h3>
      {errorBeside('form')}
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
        <>
        <label>
          {t('verify.supplements')}
          <textarea ref={at('supplements')} data-testid="supplements" rows={4} value={supplements || suggestedSupplements.join('\n')} onChange={(e) => setSupplements(e.target.value)} aria-invalid={where === 'supplements' || undefined} aria-describedby={describedBy('supplements')} />
        </label>
        {errorBeside('supplements')}
        </>
      )}
      {outcome === 'rejected' && (
        <>
        <label>
          {t('verify.reasons')}
          <textarea ref={at('reasons')} data-testid="reasons" rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} required aria-invalid={where === 'reasons' || undefined} aria-describedby={describedBy('reasons')} />
        </label>
        {errorBeside('reasons')}
        </>
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
            <input ref={at('override-password')} data-testid="override-password" type="password" value={override.password} onChange={(e) => setOverride({ ...override, password: e.target.value })} autoComplete="off" required aria-invalid={where === 'override-password' || undefined} aria-describedby={describedBy('override-password')} />
          </label>
          {errorBeside('override-password')}
          <label>
            {t('verify.overrideReason')}
            <textarea ref={at('override-reason')} data-testid="override-reason" rows={2} minLength={10} value={override.reason} onChange={(e) => setOverride({ ...override, reason: e.target.value })} required aria-invalid={where === 'override-reason' || undefined} aria-describedby={describedBy('override-reason')} />
          </label>
          {errorBeside('override-reason')}
        </fieldset>
      )}
      {/* The sign-off button is in the steps bar (form="outcome-form"), always in view. */}
    </form>
  );
}
