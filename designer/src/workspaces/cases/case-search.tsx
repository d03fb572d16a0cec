import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { CaseFilterForm } from './case-filter-form';
import { readFilters, toApiFilters } from './case-filters';
import { CaseTable } from './case-table';

const pageSize = 20;

/**
 * The case search both the staff's list and the auditors' search use: the API's filters kept in the address, pages
 * of 20 (“more” loads the next), and how many are shown.
 */
export function CaseSearch({
  linkTo,
  eventFilters = false,
}: {
  linkTo?(caseId: string): string;
  /** Offer the auditors' filters by who did something on the timeline, and when. */
  eventFilters?: boolean;
}) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const apiFilters = toApiFilters(filters);
  const list = useInfiniteQuery({
    queryKey: ['cases', apiFilters],
    queryFn: ({ pageParam }) => api.listCases(apiFilters, pageParam, pageSize),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
  const cases = list.data?.pages.flatMap((page) => page.cases) ?? [];
  return (
    <>
      <CaseFilterForm
        filters={filters}
        eventFilters={eventFilters}
        onChange={(next) => setParams(next, { replace: true })}
      />
      {list.error && <p className="error">{errorText(list.error)}</p>}
      {list.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <p className="muted" data-testid="cases-count">
            {list.hasNextPage
              ? t('cases.count-more', { count: cases.length })
              : t('cases.count', { count: cases.length })}
          </p>
          <CaseTable cases={cases} {...(linkTo && { linkTo })} />
          {list.hasNextPage && (
            <button
              type="button"
              data-testid="cases-more"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {t('list.more')}
            </button>
          )}
        </>
      )}
    </>
  );
}
