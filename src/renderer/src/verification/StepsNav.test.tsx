// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { setLanguage } from '../i18n';
import type { StepState } from '../../../shared/verification';
import { StepsNav } from './StepsNav';

beforeAll(() => setLanguage('en'));
afterEach(cleanup);

const states: Record<'materials' | 'identity' | 'outcome' | 'document' | 'service', StepState> = {
  materials: 'done',
  identity: 'blocked',
  outcome: 'todo',
  document: 'none',
  service: 'none',
};

describe('the steps bar', () => {
  it('shows each step as the core’s plan says, marks the current one, and says its state in words', () => {
    render(<StepsNav states={states} current="identity" onGo={() => undefined} />);
    for (const [step, state] of Object.entries(states)) expect(screen.getByTestId(`step-${step}`).getAttribute('data-state')).toBe(state);
    expect(screen.getByTestId('step-identity').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('step-materials').getAttribute('aria-current')).toBeNull();
    // Done is a tick; the others keep their number (Alt+number goes there).
    expect(screen.getByTestId('step-materials').textContent).toContain('✓');
    expect(screen.getByTestId('step-outcome').textContent).toContain('3');
    expect(screen.getByTestId('step-identity').textContent).toContain(i18n.t('verify.steps.state.blocked'));
  });

  it('takes the clerk to the step clicked', () => {
    const onGo = vi.fn();
    render(<StepsNav states={states} current="identity" onGo={onGo} />);
    fireEvent.click(screen.getByTestId('step-document'));
    expect(onGo).toHaveBeenCalledWith('document');
  });
});
