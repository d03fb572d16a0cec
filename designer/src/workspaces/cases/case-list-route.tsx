import { Link } from 'react-router';
import { startsCases } from '../../access/actor';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { CaseSearch } from './case-search';

/** `/cases` (案件): the cases the person may see, filtered and paged, with 立案 for community staff. */
export function Component() {
  const { t } = useI18n();
  const { actor } = useActor();
  return (
    <main className="workspace cases-page" data-testid="cases-page">
      <div className="page-head">
        <h1>{t('cases.title')}</h1>
        {startsCases(actor) && (
          <Link to="/cases/new" className="button primary" data-testid="start-case">
            {t('start.open')}
          </Link>
        )}
      </div>
      <CaseSearch />
    </main>
  );
}
