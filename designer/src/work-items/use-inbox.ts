import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { livePollMs } from './use-case-queries';

/** The person's open work items (`GET /api/inbox`, every page loaded so far), polled while the page is open. */
export function useInbox() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['inbox'],
    queryFn: ({ pageParam }) => api.inbox(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: livePollMs,
  });
}
