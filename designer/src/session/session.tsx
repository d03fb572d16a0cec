import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ApiProvider } from '../api/api-context';
import { createApiClient, type ApiClient } from '../api/client';
import { ApiUser } from '../api/schemas';
import { serverClock } from '../clock/server-clock';

const StoredSession = z.object({ token: z.string(), expiresAt: z.string(), user: ApiUser });
/** A logged-in user: the bearer token and who it belongs to. */
export type Session = z.infer<typeof StoredSession>;

const storageKey = 'gongzhi.session';

function readStored(): Session | undefined {
  try {
    const raw = globalThis.sessionStorage?.getItem(storageKey);
    const parsed = raw ? StoredSession.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success && Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

interface SessionState {
  session: Session | undefined;
  /** Why the last session ended without the user asking (token expired). */
  expired: boolean;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/**
 * Keeps the session (in sessionStorage, so a reload stays logged in until the token expires) and provides an API
 * client that sends its token. A 401 from any call ends the session and sends the user back to the login page.
 * `client` replaces the real one in tests.
 */
export function SessionProvider({
  children,
  client: injected,
  initial,
  onSignOut,
}: {
  children: ReactNode;
  client?: ApiClient;
  initial?: Session;
  /** Called when the session ends (the app drops the previous person's cached answers). */
  onSignOut?(): void;
}) {
  const [session, setSession] = useState<Session | undefined>(() => initial ?? readStored());
  const [expired, setExpired] = useState(false);
  const tokenRef = useRef<string | undefined>(session?.token);
  tokenRef.current = session?.token;

  const signIn = useCallback((next: Session) => {
    tokenRef.current = next.token;
    setExpired(false);
    setSession(next);
    try {
      globalThis.sessionStorage?.setItem(storageKey, JSON.stringify(next));
    } catch {
      // storage unavailable: the session lasts for this page only
    }
  }, []);
  const onSignOutRef = useRef(onSignOut);
  onSignOutRef.current = onSignOut;
  const signOut = useCallback(() => {
    tokenRef.current = undefined;
    setSession(undefined);
    onSignOutRef.current?.();
    try {
      globalThis.sessionStorage?.removeItem(storageKey);
    } catch {
      // nothing stored
    }
  }, []);

  const client = useMemo(
    () =>
      injected ??
      createApiClient({
        fetch: async (...args) => {
          const response = await globalThis.fetch(...args);
          serverClock.observe(response.headers.get('date'));
          return response;
        },
        token: () => tokenRef.current,
        onUnauthorized: () => {
          if (tokenRef.current) {
            setExpired(true);
            signOut();
          }
        },
      }),
    [injected, signOut],
  );
  const value = useMemo(() => ({ session, expired, signIn, signOut }), [session, expired, signIn, signOut]);
  return (
    <SessionContext.Provider value={value}>
      <ApiProvider client={client}>{children}</ApiProvider>
    </SessionContext.Provider>
  );
}

/** The session state of the surrounding SessionProvider. */
export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The units where the user is a district admin: where they may create and derive templates. */
export function adminUnits(session: Session | undefined): string[] {
  return [
    ...new Set((session?.user.memberships ?? []).filter((m) => m.role === 'district-admin').map((m) => m.orgUnit)),
  ];
}
