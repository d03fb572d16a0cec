import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProcessDefinition } from '../../../../definitions/schema';
import type { ApiClient } from '../../api/client';
import { isApiError } from '../../api/api-error';
import { DraftConflictDetails } from '../../api/schemas';

/** Where the draft stands against the server. */
export type SaveState =
  | { status: 'saved' | 'dirty' | 'saving' }
  | { status: 'error'; message: string }
  | { status: 'conflict'; details: DraftConflictDetails | undefined; message: string };

/** Milliseconds of quiet after an edit before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 800;

/**
 * Saves the draft after each pause in editing, with the revision it was based on (optimistic concurrency). When
 * another admin saved in between, the server answers 409 `template.draft-conflict`: saving stops and the editor
 * shows who saved when, with a way to reload — nothing is overwritten silently. `flush` saves at once (publish).
 */
export function useAutosave({
  api,
  templateKey,
  definition,
  revision: initialRevision,
  enabled,
  delay = AUTOSAVE_DELAY_MS,
}: {
  api: ApiClient;
  templateKey: string;
  definition: ProcessDefinition;
  revision: number;
  enabled: boolean;
  delay?: number;
}) {
  const [state, setState] = useState<SaveState>({ status: 'saved' });
  const [savedRevision, setSavedRevision] = useState(initialRevision);
  const saved = useRef(definition);
  const revision = useRef(initialRevision);
  const latest = useRef(definition);
  latest.current = definition;
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  const blocked = state.status === 'conflict';

  const save = useCallback(async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    const target = latest.current;
    if (target === saved.current) return;
    setState({ status: 'saving' });
    const attempt = (async () => {
      try {
        const answer = await api.saveDraft(templateKey, target, revision.current);
        revision.current = answer.draft.revision;
        setSavedRevision(answer.draft.revision);
        saved.current = target;
        setState({ status: latest.current === target ? 'saved' : 'dirty' });
      } catch (error) {
        if (isApiError(error) && error.code === 'template.draft-conflict') {
          const details = DraftConflictDetails.safeParse(error.details);
          setState({ status: 'conflict', details: details.success ? details.data : undefined, message: error.message });
        } else {
          setState({ status: 'error', message: isApiError(error) ? error.message : String(error) });
        }
        throw error;
      }
    })();
    inFlight.current = attempt.then(
      () => undefined,
      () => undefined,
    );
    try {
      await attempt;
    } finally {
      inFlight.current = undefined;
    }
  }, [api, templateKey]);

  useEffect(() => {
    if (!enabled || blocked || definition === saved.current) return;
    setState((current) => (current.status === 'saving' ? current : { status: 'dirty' }));
    const timer = setTimeout(() => {
      save().catch(() => undefined); // the state shows the failure
    }, delay);
    return () => clearTimeout(timer);
  }, [definition, enabled, blocked, delay, save]);

  /** Saves now if anything is unsaved; resolves with the revision the server holds. */
  const flush = useCallback(async (): Promise<number> => {
    await save();
    return revision.current;
  }, [save]);

  /** After a reload from the server: its definition and revision are the new baseline. */
  const rebase = useCallback((next: ProcessDefinition, nextRevision: number) => {
    saved.current = next;
    revision.current = nextRevision;
    setSavedRevision(nextRevision);
    setState({ status: 'saved' });
  }, []);

  /** `revision`: the draft revision the server holds (0: no draft yet). */
  return { state, flush, rebase, revision: savedRevision };
}
