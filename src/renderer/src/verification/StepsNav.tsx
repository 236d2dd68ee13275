import { useTranslation } from 'react-i18next';
import { STEPS, type Step, type StepState } from '../../../shared/verification';

/**
 * The steps always in view (a bar that stays at the top while the page scrolls): each says whether it
 * is done and takes the clerk to it (also Alt+1 to Alt+5).
 */
export function StepsNav({ states, current, onGo }: { states: Record<Step, StepState>; current: Step; onGo: (s: Step) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="steps" aria-label={t('verify.steps.label')} data-testid="steps">
      <ol>
        {STEPS.map((s, i) => (
          <li key={s}>
            <button
              type="button"
              className={`step step-${states[s]}`}
              aria-current={current === s ? 'step' : undefined}
              onClick={() => onGo(s)}
              title={`Alt+${i + 1}`}
              data-testid={`step-${s}`}
              data-state={states[s]}
            >
              <span aria-hidden="true">{states[s] === 'done' ? '✓' : i + 1}</span> {t(`verify.steps.${s}`)}
              <span className="visually-hidden"> · {t(`verify.steps.state.${states[s]}`)}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
