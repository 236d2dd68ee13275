import { useTranslation } from 'react-i18next';
import { EVIDENCE, type ChecklistItem, type Evidence, type MaterialEntry, type MaterialProblem } from '../../../shared/verification';

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
}: {
  items: ChecklistItem[];
  entries: MaterialEntry[];
  problems: MaterialProblem[];
  disabled: boolean;
  onChange: (entries: MaterialEntry[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const put = (code: string, change: Partial<MaterialEntry> | null) => {
    const rest = entries.filter((e) => e.code !== code);
    if (!change) return onChange(rest);
    const before = byCode.get(code) ?? { code, evidence: 'original_seen' as Evidence, fields: {}, note: '' };
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
                  <label key={f.key} className="inline">
                    {t(`verify.field.${f.key}`, { defaultValue: f.key })}
                    <input
                      data-testid={`field-${item.code}-${f.key}`}
                      value={e?.fields[f.key] ?? ''}
                      placeholder={f.caseValue ?? (f.kind === 'date' ? 'YYYY-MM-DD' : '')}
                      disabled={disabled || !e}
                      onChange={(ev) => put(item.code, { fields: { ...e?.fields, [f.key]: ev.target.value } })}
                    />
                  </label>
                ))}
                {lineProblems.map((p, i) => (
                  <p key={i} className="bad" data-testid="material-problem" data-problem={p.problem}>
                    ✗ {t(`verify.problem.${p.problem}`, { field: p.field ? t(`verify.field.${p.field}`, { defaultValue: p.field }) : '', detail: p.detail })}
                  </p>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
