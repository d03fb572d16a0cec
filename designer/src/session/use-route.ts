import { useCallback, useEffect, useState } from 'react';

/** The designer's pages: the template list and one template's editor. */
export type Route = { page: 'home' } | { page: 'editor'; key: string };

/** Reads a route from a location path (`/templates/<key>` opens the editor; anything else is home). */
export function parseRoute(pathname: string): Route {
  const match = /^\/templates\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? { page: 'editor', key: decodeURIComponent(match[1]) } : { page: 'home' };
}

/** The path of a route, for links and history entries. */
export function routePath(route: Route): string {
  return route.page === 'editor' ? `/templates/${encodeURIComponent(route.key)}` : '/';
}

/**
 * A tiny history-API router (two pages do not need a routing library). The server's SPA fallback serves
 * index.html for /templates/<key>, so reloads and shared links work.
 */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(globalThis.location?.pathname ?? '/'));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(globalThis.location.pathname));
    globalThis.addEventListener('popstate', onPop);
    return () => globalThis.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: Route) => {
    globalThis.history?.pushState(null, '', routePath(next));
    setRoute(next);
  }, []);
  return [route, navigate];
}
