import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';

/** The event's `…EventAttributes`, summarised to one line of at most 160 characters. */
export function attributesSummary(event: Record<string, unknown>): string {
  const key = Object.keys(event).find((name) => name.endsWith('EventAttributes'));
  if (!key) return '';
  const text = JSON.stringify(event[key]);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** `EVENT_TYPE_WORKFLOW_EXECUTION_STARTED` → `WorkflowExecutionStarted`. */
export function eventTypeName(type: unknown): string {
  if (typeof type !== 'string') return String(type ?? '');
  return type
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_whole, _separator: string, letter: string) => letter.toUpperCase());
}

/** The raw Temporal history of the case's run, 50 events a page: id, time, type and a summary of its payload. */
export function TemporalHistory({ caseId }: { caseId: string }) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const history = useInfiniteQuery({
    queryKey: ['temporal-history', caseId],
    queryFn: ({ pageParam }) => api.temporalHistory(caseId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextPageToken,
  });
  if (history.error) return <p className="error">{errorText(history.error)}</p>;
  if (!history.data) return <p className="muted">{t('common.loading')}</p>;
  const events = history.data.pages.flatMap((page) => page.events);
  return (
    <>
      <table className="temporal-history" data-testid="temporal-history">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('audit.event-time')}</th>
            <th>{t('audit.event-type')}</th>
            <th>{t('audit.event-payload')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={String(event.eventId)}>
              <td>{String(event.eventId)}</td>
              <td>{typeof event.eventTime === 'string' ? formatInstant(event.eventTime) : ''}</td>
              <td>{eventTypeName(event.eventType)}</td>
              <td>
                <code>{attributesSummary(event)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.hasNextPage && (
        <button
          type="button"
          data-testid="temporal-more"
          onClick={() => void history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          {t('list.more')}
        </button>
      )}
    </>
  );
}
