import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import type { DoneItem } from '../../api/case-schemas';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { useDefinition } from '../../work-items/use-case-queries';
import { outcomeLabel } from '../cases/timeline-text';

/** The outcome a done item closed with, labelled as its template version declares it. */
function OutcomeText({ item }: { item: DoneItem }) {
  const i18n = useI18n();
  const definition = useDefinition(item.templateKey, item.templateVersion);
  return <>{outcomeLabel(i18n, definition.data, item.nodeId, item.outcome)}</>;
}

/** 已办: the work items the person completed, most recent first (`GET /api/inbox/done`), 50 a page. */
export function DoneList() {
  const api = useApi();
  const { t, text, errorText } = useI18n();
  const done = useInfiniteQuery({
    queryKey: ['inbox', 'done'],
    queryFn: ({ pageParam }) => api.doneItems(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
  if (done.error) return <p className="error">{errorText(done.error)}</p>;
  if (!done.data) return <p className="muted">{t('common.loading')}</p>;
  const items = done.data.pages.flatMap((page) => page.items);
  if (items.length === 0)
    return (
      <p className="empty" data-testid="done-empty">
        {t('inbox.done-empty')}
      </p>
    );
  return (
    <>
      <table className="case-table" data-testid="done-table">
        <thead>
          <tr>
            <th>{t('inbox.done.item')}</th>
            <th>{t('cases.column.case')}</th>
            <th>{t('inbox.done.outcome')}</th>
            <th>{t('inbox.done.closed')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.caseId}/${item.workItemId}`} data-testid={`done-row-${item.caseId}-${item.workItemId}`}>
              <td data-label={t('inbox.done.item')}>{text(item.title)}</td>
              <td data-label={t('cases.column.case')}>
                <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</Link>
                <span className={`badge status-${item.caseStatus}`}>{t(`case.status.${item.caseStatus}`)}</span>
              </td>
              <td data-label={t('inbox.done.outcome')}>
                <OutcomeText item={item} />
              </td>
              <td data-label={t('inbox.done.closed')}>
                {formatInstant(item.closedAt)}
                {item.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {done.hasNextPage && (
        <button
          type="button"
          data-testid="done-more"
          onClick={() => void done.fetchNextPage()}
          disabled={done.isFetchingNextPage}
        >
          {t('list.more')}
        </button>
      )}
    </>
  );
}
