import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, FieldProblem } from '../../../shared/errors';

/** What a control needs to say it was refused and where its words are. */
export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * The problem the core found with one field of a form, if any: its own (or one of its items', as
 * "upstreamPins.1"), or the field named by a refusal that has its own words (an http:// address).
 */
export function problemOf(error: ApiError | null, name: string): FieldProblem | { field: string; code: ApiError['code'] } | null {
  if (!error) return null;
  const own = error.problems?.find((p) => p.field === name || p.field.startsWith(`${name}.`));
  if (own) return own;
  return error.fields?.includes(name) ? { field: name, code: error.code } : null;
}

/**
 * A labelled control with the core's refusal of it in words right beside it, so a bad value is found
 * where it is typed, not named by its key at the bottom of a long form. `rule` is the field's own rule
 * in words, for a value that breaks it (a number pattern without {number}).
 */
export function FormField({ name, label, error, rule, children }: { name: string; label: string; error: ApiError | null; rule?: string; children: (control: FieldControlProps) => ReactNode }) {
  const { t } = useTranslation();
  const problem = problemOf(error, name);
  const id = `field-${name}`;
  const words = !problem ? null : 'code' in problem ? t(`errors.${problem.code}`) : problem.kind === 'format' && rule ? rule : t(`errors.problem.${problem.kind}`, { limit: problem.limit });
  return (
    <label className={problem ? 'invalid' : undefined}>
      {label}
      {children({ id, ...(problem ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-problem` } : {}) })}
      {words && (
        <span className="field-problem" id={`${id}-problem`} data-testid={`problem-${name}`}>
          {words}
        </span>
      )}
    </label>
  );
}
