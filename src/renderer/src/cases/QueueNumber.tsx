import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_NO } from '../../../shared/verification';

/**
 * The queue number of the applicant at the window (叫号): typed here, or received from the office's
 * queue system as a keyboard wedge anywhere on the screen; it goes with the next case opened.
 */
export function QueueNumber({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [bad, setBad] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    const v = typed.trim().toUpperCase();
    if (!QUEUE_NO.test(v)) return setBad(true);
    setBad(false);
    setTyped('');
    onChange(v);
  }
  return (
    <form className="row queue" onSubmit={submit} data-testid="queue-form">
      <label className="row">
        {t('queue.label')}
        <input value={typed} onChange={(e) => setTyped(e.target.value)} size={8} maxLength={9} aria-invalid={bad} aria-describedby={bad ? 'queue-bad' : undefined} data-testid="queue-input" />
      </label>
      <button type="submit">{t('queue.set')}</button>
      {value && (
        <span data-testid="queue-current">
          {t('queue.current')}: <strong>{value}</strong>{' '}
          <button type="button" className="link" onClick={() => onChange(null)}>{t('queue.clear')}</button>
        </span>
      )}
      {bad && (
        <span id="queue-bad" className="bad" role="alert" data-testid="queue-bad">
          {t('queue.bad')}
        </span>
      )}
    </form>
  );
}
