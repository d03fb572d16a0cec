import type { InboxItem } from '../../api/case-schemas';
import { useI18n } from '../../i18n/i18n';
import { byUrgency, InboxItemRow } from '../../work-items/inbox-item-row';
import { useInbox } from '../../work-items/use-inbox';

/** The open work items of the inbox, optionally narrowed (the department board keeps its department's). */
export function OpenWorkList({ keep, empty }: { keep?(item: InboxItem): boolean; empty?: string }) {
  const { t, errorText } = useI18n();
  const inbox = useInbox();
  if (inbox.error)
    return (
      <p className="error" role="alert">
        {errorText(inbox.error)}
      </p>
    );
  if (!inbox.data) return <p className="muted">{t('common.loading')}</p>;
  const items = inbox.data.pages
    .flatMap((page) => page.items)
    .filter((item) => keep?.(item) ?? true)
    .sort(byUrgency);
  return (
    <>
      <p className="muted" data-testid="inbox-count">
        {t('inbox.count', { count: items.length, overdue: items.filter((item) => item.overdue).length })}
      </p>
      {items.length === 0 ? (
        <p className="empty" data-testid="inbox-empty">
          {empty ?? t('inbox.empty')}
        </p>
      ) : (
        <ul className="inbox-list">
          {items.map((item) => (
            <InboxItemRow key={`${item.caseId}/${item.workItemId}`} row={item} />
          ))}
        </ul>
      )}
      {inbox.hasNextPage && (
        <button type="button" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
          {t('list.more')}
        </button>
      )}
    </>
  );
}
