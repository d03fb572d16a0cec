import { Link } from 'react-router';
import type { CaseSummary } from '../../api/case-schemas';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';

/** Cases as a table (a list of cards on a phone): id, process, place, status, started — each a link to its page. */
export function CaseTable({
  cases,
  linkTo = (id) => `/cases/${encodeURIComponent(id)}`,
}: {
  cases: readonly CaseSummary[];
  linkTo?(caseId: string): string;
}) {
  const { t, text } = useI18n();
  if (cases.length === 0)
    return (
      <p className="empty" data-testid="cases-empty">
        {t('cases.empty')}
      </p>
    );
  return (
    <table className="case-table" data-testid="case-table">
      <thead>
        <tr>
          <th>{t('cases.column.case')}</th>
          <th>{t('cases.column.template')}</th>
          <th>{t('cases.column.unit')}</th>
          <th>{t('cases.column.status')}</th>
          <th>{t('cases.column.started')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((row) => (
          <tr key={row.caseId} data-testid={`case-row-${row.caseId}`}>
            <td data-label={t('cases.column.case')}>
              <Link to={linkTo(row.caseId)}>{row.caseId}</Link>
            </td>
            <td data-label={t('cases.column.template')}>{text(row.templateName)}</td>
            <td data-label={t('cases.column.unit')}>{row.orgUnit}</td>
            <td data-label={t('cases.column.status')}>
              <span className={`badge status-${row.status}`}>{t(`case.status.${row.status}`)}</span>
              {row.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
            </td>
            <td data-label={t('cases.column.started')}>
              {formatInstant(row.startedAt)} · {row.startedBy}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
