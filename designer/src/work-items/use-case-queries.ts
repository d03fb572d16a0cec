import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context';

/** How often an open page looks again for changes others made (an inbox, a case being worked on). */
export const livePollMs = 5_000;

/** A live case through `GET /api/cases/:id`, polled while it runs. */
export function useCase(caseId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['case', caseId],
    queryFn: async () => (await api.getCase(caseId)).snapshot,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? livePollMs : false),
  });
}

/** A published template version's definition (immutable, so cached for the session). */
export function useDefinition(templateKey: string | undefined, version: number | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['definition', templateKey, version],
    queryFn: async () => (await api.getVersion(templateKey ?? '', version ?? 0)).version.definition,
    enabled: templateKey !== undefined && version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
