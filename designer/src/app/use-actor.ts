import { useMemo } from 'react';
import type { Actor } from '../../../definitions/org';
import { homePath, sessionActor, workspacesOf, type Workspace } from '../access/actor';
import { useSession } from '../session/session';

/** The signed-in person as the access rules see them, the workspaces they may use, and their home page. */
export function useActor(): { actor: Actor; workspaces: Workspace[]; home: string } {
  const { session } = useSession();
  return useMemo(() => {
    const actor: Actor = session ? sessionActor(session) : { id: '', memberships: [] };
    return { actor, workspaces: workspacesOf(actor), home: homePath(actor) };
  }, [session]);
}
