import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { DOCUMENT_TYPES, type DocumentType, type NumberBlock } from '../../../shared/verification';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

/**
 * The blocks of numbers this window holds, per document type: how many are left, and a form for a
 * block the authority reserved for it (until the upstream sync reserves them itself). Overlaps are refused.
 */
export function NumberBlocksPanel() {
  const { t } = useTranslation();
  const [blocks, setBlocks] = useState<NumberBlock[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [form, setForm] = useState<{ type: DocumentType; prefix: string; year: number; from: number; to: number }>({ type: 'grant', prefix: '', year: new Date().getFullYear(), from: 1, to: 999 });

  const load = () => void call('decisions.numberBlocks', {}).then((r) => (r.ok ? setBlocks(r.value) : setError(r.error)));
  useEffect(load, []);

  async function add(e: FormEvent) {
    e.preventDefault();
    const r = await call('decisions.addNumberBlock', form);
    if (!r.ok) return setError(r.error);
    setError(null);
    load();
  }

  return (
    <section className="card" aria-labelledby="blocks-h" data-testid="number-blocks">
      <h2 id="blocks-h">{t('blocks.heading')}</h2>
      <table className="results">
        <thead>
          <tr>
            <th>{t('blocks.type')}</th>
            <th>{t('blocks.prefix')}</th>
            <th>{t('blocks.year')}</th>
            <th>{t('blocks.range')}</th>
            <th>{t('blocks.left')}</th>
            <th>{t('blocks.source')}</th>
          </tr>
        </thead>
        <tbody>
          {blocks.map((b) => (
            <tr key={b.id} data-type={b.type} data-source={b.source} data-set-aside={!!b.setAsideAt} className={b.setAsideAt ? 'muted' : undefined}>
              <td>{t(`document.type.${b.type}`)}</td>
              <td>{b.prefix}</td>
              <td>{b.year}</td>
              <td>{b.from}–{b.to}</td>
              <td>{b.setAsideAt ? 0 : b.to - b.next + 1}</td>
              <td>
                {t(`blocks.sourceOf.${b.source}`)}
                {b.setAsideAt && <small className="hint"> · {t('blocks.setAside')}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {blocks.some((b) => b.setAsideAt) && <p className="hint" data-testid="blocks-linked">{t('blocks.linkedNote')}</p>}
      <form className="row" onSubmit={add}>
        <label>
          {t('blocks.type')}
          <select value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as DocumentType })} data-testid="block-type">
            {DOCUMENT_TYPES.map((d) => (
              <option key={d} value={d}>{t(`document.type.${d}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('blocks.prefix')}
          <input value={form.prefix} onChange={(e) => setForm({ ...form, prefix: e.target.value })} required />
        </label>
        {(['year', 'from', 'to'] as const).map((k) => (
          <label key={k}>
            {t(`blocks.${k}`)}
            <input type="number" value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.valueAsNumber })} required />
          </label>
        ))}
        <button type="submit">{t('blocks.add')}</button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
