import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { officeCells, officeColumns } from './office-table';
import { downloadCsv } from './download-csv';
import { monthRange, toCsv } from './rankings';

/**
 * 双考核, the summoning office's side: per street office under the unit, in the month, the share of its whistles
 * without an upheld objection, the median time to rule on objections and extensions (with how many rulings), and the
 * share closed within the report-back deadline — each figure's definition below the table, the table as CSV.
 */
export function OfficePanel({
  unit,
  month,
  unitName,
}: {
  unit: string;
  month: string;
  /** A unit's name in the directory (its path while the directory has not answered). */
  unitName: (path: string) => string;
}) {
  const { t, message } = useI18n();
  const api = useApi();
  const scores = useQuery({
    queryKey: ['office-scores', unit, month],
    queryFn: () => api.officeScores({ unit, ...monthRange(month) }),
    enabled: unit !== '',
    staleTime: 60_000,
  });
  const offices = scores.data?.offices ?? [];
  const header = officeColumns.map((key) => t(key));
  const medianFormat = {
    unitName,
    minutes: (value: number) => t('dashboard.minutes', { minutes: value }),
    hours: (value: number) => t('dashboard.hours', { hours: value }),
  };
  return (
    <section data-testid="dashboard-offices">
      <div className="page-head">
        <h2>{t('dashboard.offices', { month })}</h2>
        <button
          type="button"
          data-testid="dashboard-csv-offices"
          disabled={offices.length === 0}
          onClick={() =>
            downloadCsv(
              `office-scores-${unit.replaceAll('/', '_')}-${month}.csv`,
              toCsv(
                header,
                offices.map((office) => officeCells(office, medianFormat)),
              ),
            )
          }
        >
          {t('dashboard.csv')}
        </button>
      </div>
      {scores.error && (
        <p className="error" role="alert">
          {message(scores.error.message)}
        </p>
      )}
      {offices.length === 0 ? (
        <p className="muted">{scores.data ? t('dashboard.empty') : t('common.loading')}</p>
      ) : (
        <table className="dashboard-table" data-testid="dashboard-office-table">
          <thead>
            <tr>
              {header.map((heading, index) => (
                <th key={index}>{heading}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {offices.map((office) => (
              <tr key={office.street} data-testid={`office-${office.street}`}>
                {officeCells(office, medianFormat).map((value, index) => (
                  <td key={index}>{value}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {scores.data && (
        <ul className="muted dashboard-definitions" data-testid="dashboard-office-definitions">
          {Object.entries(scores.data.definitions).map(([key, definition]) => (
            <li key={key}>{message(definition)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
