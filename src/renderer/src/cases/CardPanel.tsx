import { useTranslation } from 'react-i18next';
import type { CardDifference, SscCardData } from '../../../shared/ssc-card';

export interface CardOutcome {
  card: SscCardData;
  differences: CardDifference[];
  found: boolean;
}

/** The holder as the inserted card says, and where the card and the open case disagree. */
export function CardPanel({ outcome }: { outcome: CardOutcome }) {
  const { t } = useTranslation();
  const { card } = outcome;
  return (
    <section className="scan-banner" data-testid="card-panel" data-match={outcome.found && outcome.differences.length === 0 ? 'yes' : 'no'}>
      <h2>{t('card.heading')}</h2>
      <dl>
        <dt>{t('card.name')}</dt>
        <dd>{card.name ?? t('card.needsPsam')}</dd>
        <dt>{t('case.ssn')}</dt>
        <dd>{card.ssn ?? '—'}</dd>
        <dt>{t('case.birthDate')}</dt>
        <dd>{card.birthDate ?? '—'}</dd>
        <dt>{t('card.number')}</dt>
        <dd>{card.cardNumber ?? '—'}</dd>
        <dt>{t('card.validity')}</dt>
        <dd>{card.issueDate ?? '—'} – {card.expiryDate ?? '—'}</dd>
      </dl>
      {!card.psam && <p className="warn-line">{t('card.needsPsam')}</p>}
      {!outcome.found && <p className="error" data-testid="card-no-case">{t('card.noCase')}</p>}
      {outcome.found &&
        (outcome.differences.length === 0 ? (
          <p className="ok big" data-testid="card-match">{t('card.matches')}</p>
        ) : (
          <table className="results differences" data-testid="card-differences">
            <caption>{t('card.differences')}</caption>
            <tbody>
              {outcome.differences.map((d) => (
                <tr key={d.field} data-field={d.field}>
                  <th>{t(`card.field.${d.field}`)}</th>
                  <td className="qr">{d.card}</td>
                  <td>{d.case}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
