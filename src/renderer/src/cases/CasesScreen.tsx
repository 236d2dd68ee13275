import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, CaseView } from '../../../shared/cases';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { CaseDetails } from './CaseDetails';

export function CasesScreen() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CaseSummary[] | null>(null);
  const [open, setOpen] = useState<CaseView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // F2 goes to the search box from anywhere: the counter is worked from the keyboard.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        setOpen(null);
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function search(e: FormEvent) {
    e.preventDefault();
    const r = await call('cases.search', { query });
    setOpen(null);
    if (r.ok) {
      setResults(r.value);
      setError(null);
    } else setError(r.error);
  }

  async function openCase(noticeNo: string) {
    const r = await call('cases.get', { noticeNo });
    if (r.ok) {
      setOpen(r.value);
      setError(null);
    } else setError(r.error);
  }

  if (open) {
    return (
      <section>
        <button onClick={() => setOpen(null)} autoFocus data-testid="back">
          ← {t('cases.back')}
        </button>
        <CaseDetails view={open} />
      </section>
    );
  }

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">{t('cases.search')}</h1>
      <form className="search row" onSubmit={search} role="search">
        <input
          ref={searchBox}
          aria-label={t('cases.search')}
          placeholder={t('cases.searchHint')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
          data-testid="case-search"
        />
        <button type="submit" className="primary">{t('cases.searchButton')}</button>
      </form>
      <ErrorMessage error={error} />
      {results && (
        <>
          <p aria-live="polite" data-testid="result-count">
            {results.length ? t('cases.results', { count: results.length }) : t('cases.none')}
          </p>
          {results.length > 0 && (
            <table className="results" data-testid="results">
              <thead>
                <tr>
                  <th>{t('cases.columns.notice')}</th>
                  <th>{t('cases.columns.name')}</th>
                  <th>{t('cases.columns.nationality')}</th>
                  <th>{t('cases.columns.category')}</th>
                  <th>{t('cases.columns.status')}</th>
                  <th>{t('cases.columns.entry')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((c) => (
                  <tr key={c.noticeNo}>
                    <td>
                      <button className="link" onClick={() => void openCase(c.noticeNo)} data-testid="open-case">
                        {c.noticeNo}
                      </button>
                    </td>
                    <td>
                      {c.name}
                      {c.nameZh ? ` ${c.nameZh}` : ''}
                    </td>
                    <td>{c.nationality}</td>
                    <td>{c.category}</td>
                    <td>{t(`status.${c.status}`)}</td>
                    <td>{c.entryDate ?? t('case.notSet')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
