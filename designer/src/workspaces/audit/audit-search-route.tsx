import { useI18n } from '../../i18n/i18n';
import { CaseSearch } from '../cases/case-search';

/**
 * `/audit` (审计): every case in the auditor's jurisdiction, by the API's filters plus who did something on the
 * timeline and when, each opening its audit page.
 */
export function Component() {
  const { t } = useI18n();
  return (
    <main className="workspace audit-page" data-testid="audit-page">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.read-only')}</p>
      <CaseSearch eventFilters linkTo={(caseId) => `/audit/cases/${encodeURIComponent(caseId)}`} />
    </main>
  );
}
