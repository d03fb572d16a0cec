import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/client';
import { loadTemplate, type OpenedTemplate } from './load-template';

/**
 * Opening a template fetches it while the designer's chunk is still loading (the route's loader starts it) rather
 * than after the editor has mounted: on a 300-node template that is the chunk's load and evaluation saved from the
 * time to the first drawing. The editor takes the fetched template if it is fresh; a reload always fetches anew.
 */
const freshForMs = 2_000;

const queryKey = (templateKey: string) => ['template-open', templateKey] as const;

/** Starts fetching `templateKey` for the editor (the route loader calls it; errors surface when the editor asks). */
export function prefetchTemplate(queryClient: QueryClient, api: ApiClient, templateKey: string): void {
  void queryClient.prefetchQuery({
    queryKey: queryKey(templateKey),
    queryFn: () => loadTemplate(api, templateKey),
    staleTime: freshForMs,
  });
}

/** The template as the editor opens it: the prefetched one if it is at most a moment old, else fetched now. */
export async function openTemplate(
  queryClient: QueryClient,
  api: ApiClient,
  templateKey: string,
): Promise<OpenedTemplate> {
  const opened = await queryClient.fetchQuery({
    queryKey: queryKey(templateKey),
    queryFn: () => loadTemplate(api, templateKey),
    staleTime: freshForMs,
  });
  // Taken once: coming back to the page later, or reloading after a conflict, reads the server again.
  queryClient.removeQueries({ queryKey: queryKey(templateKey), exact: true });
  return opened;
}
