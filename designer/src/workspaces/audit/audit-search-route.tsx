import { useI18n } from '../../i18n/i18n';
import { CaseSearch } from '../cases/case-search';

/** `/audit` (审计): every case in the auditor's jurisdiction, by the API's filters, each opening its audit page. */
export function Component() {
  const { t } = useI18n();
  return (
    <main className="workspace audit-page" data-testid="audit-page">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.read-only')}</p>
      <CaseSearch linkTo={(caseId) => `/audit/cases/${encodeURIComponent(caseId)}`} />
    </main>
  );
}
