import { useTranslation } from 'react-i18next';
import { EVIDENCE, type ChecklistItem, type Evidence, type MaterialEntry, type MaterialProblem } from '../../../shared/verification';
import type { CaptureMode, EvidenceImageView } from '../../../shared/evidence';
import { ImageCell } from './ImageCell';

/** A line's fields as the case has them: what the clerk confirms by recording the line, or corrects. */
export const asFiled = (item: ChecklistItem): Record<string, string> =>
  Object.fromEntries(item.fields.filter((f) => f.caseValue).map((f) => [f.key, f.caseValue!]));

/**
 * Every line recorded as the window expects it (original seen, or copy retained) with its fields as
 * filed; a line already recorded keeps what the clerk entered.
 */
export function allAsFiled(items: ChecklistItem[], entries: MaterialEntry[]): MaterialEntry[] {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  return items.map((i) => byCode.get(i.code) ?? { code: i.code, evidence: i.expected, fields: asFiled(i), note: '' });
}

/** A field read from the original: pre-filled as filed; a value the clerk changed stands out, with what the case says. */
function FieldInput(p: { label: string; testId: string; value: string; caseValue: string | null; placeholder: string; disabled: boolean; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const changed = !!p.caseValue && p.value !== '' && p.value !== p.caseValue;
  return (
    <label className={`inline${changed ? ' changed' : ''}`}>
      {p.label}
      <input data-testid={p.testId} data-changed={changed} value={p.value} placeholder={p.placeholder} disabled={p.disabled} onChange={(ev) => p.onChange(ev.target.value)} />
      {changed && (
        <small className="warn-line" data-testid="on-file">
          {t('verify.onFile', { value: p.caseValue })}
        </small>
      )}
    </label>
  );
}

/**
 * One line per material: what the window keeps (original seen or copy retained), the evidence the clerk
 * records, the fields read from the original (the case's value shown as the hint), and what a machine
 * found wrong with that line.
 */
export function ChecklistTable({
  items,
  entries,
  problems,
  disabled,
  onChange,
  capture,
}: {
  items: ChecklistItem[];
  entries: MaterialEntry[];
  problems: MaterialProblem[];
  disabled: boolean;
  onChange: (entries: MaterialEntry[]) => void;
  /** Images of the originals: each line's, whether the office takes one, and the actions. */
  capture?: { images: EvidenceImageView[]; modes: Record<string, CaptureMode>; capturing: string | null; onCapture: (code: string) => void; onDrop: (id: string) => void; onFile: (code: string, file: File) => void };
}) {
  const { t, i18n } = useTranslation();
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const put = (code: string, change: Partial<MaterialEntry> | null) => {
    const rest = entries.filter((e) => e.code !== code);
    if (!change) return onChange(rest);
    const item = items.find((i) => i.code === code)!;
    const before = byCode.get(code) ?? { code, evidence: 'original_seen' as Evidence, fields: asFiled(item), note: '' };
    onChange([...rest, { ...before, ...change }].sort((a, b) => items.findIndex((i) => i.code === a.code) - items.findIndex((i) => i.code === b.code)));
  };
  return (
    <table className="results checklist" data-testid="checklist">
      <caption>{t('verify.checklist')}</caption>
      <thead>
        <tr>
          <th>{t('verify.material')}</th>
          <th>{t('verify.evidence')}</th>
          <th>{t('verify.fieldsRead')}</th>
          {capture && <th>{t('verify.capture.image')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const e = byCode.get(item.code);
          const lineProblems = problems.filter((p) => p.code === item.code);
          return (
            <tr key={item.code} data-material={item.code} data-problem={lineProblems.length > 0} className={lineProblems.length ? 'has-problem' : undefined}>
              <th>
                {t(`material.${item.code}`, { defaultValue: item.code })}
                <br />
                <small className="hint">
                  {item.required ? t(`verify.expected.${item.expected}`) : t('verify.optional')} · {i18n.language === 'en' ? item.basis.en : item.basis.zh}
                </small>
              </th>
              <td>
                <select
                  data-testid="evidence"
                  aria-label={t('verify.evidence')}
                  value={e?.evidence ?? ''}
                  disabled={disabled}
                  onChange={(ev) => put(item.code, ev.target.value ? { evidence: ev.target.value as Evidence } : null)}
                >
                  <option value="">{t('verify.notRecorded')}</option>
                  {EVIDENCE.map((x) => (
                    <option key={x} value={x}>{t(`verify.evidenceKind.${x}`)}</option>
                  ))}
                </select>
              </td>
              <td>
                {item.fields.map((f) => (
                  <FieldInput
                    key={f.key}
                    label={t(`verify.field.${f.key}`, { defaultValue: f.key })}
                    testId={`field-${item.code}-${f.key}`}
                    value={e?.fields[f.key] ?? ''}
                    caseValue={f.caseValue}
                    placeholder={f.caseValue ?? (f.kind === 'date' ? 'YYYY-MM-DD' : '')}
                    disabled={disabled || !e}
                    onChange={(value) => put(item.code, { fields: { ...e?.fields, [f.key]: value } })}
                  />
                ))}
                {lineProblems.map((p, i) => (
                  <p key={i} className="bad" data-testid="material-problem" data-problem={p.problem}>
                    ✗ {t(`verify.problem.${p.problem}`, { field: p.field ? t(`verify.field.${p.field}`, { defaultValue: p.field }) : '', detail: p.detail })}
                  </p>
                ))}
              </td>
              {capture && (
                <ImageCell
                  code={item.code}
                  mode={capture.modes[item.code] ?? 'optional'}
                  image={capture.images.find((i) => i.material === item.code) ?? null}
                  capturing={capture.capturing === item.code}
                  disabled={disabled}
                  onCapture={() => capture.onCapture(item.code)}
                  onDrop={capture.onDrop}
                  onFile={(f) => capture.onFile(item.code, f)}
                />
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
