import { useSyncExternalStore } from 'react';
import { serverClock } from './server-clock';

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let current = serverClock.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      current = serverClock.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The server's time now, ticking once a second: one shared interval for every countdown on the page (they all change
 * together), and the server's offset (see {@link serverClock}).
 */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}
