import { useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context';
import { isApiError } from '../api/api-error';
import { useI18n } from '../i18n/i18n';
import { EditorWorkspace } from './editor-workspace';
import { loadTemplate, type OpenedTemplate } from './lifecycle/load-template';
import { openTemplate } from './lifecycle/template-prefetch';
import type { Notice } from './notice';

/**
 * Opens a template (its draft, else its newest version) and shows the editor. Reloading — after a conflict, a
 * publish or a retire — fetches it again and starts a fresh editor (a clean undo history on the server's state).
 */
export function EditorPage({ templateKey }: { templateKey: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { t, message } = useI18n();
  const [opened, setOpened] = useState<{ template: OpenedTemplate; generation: number; notice?: Notice }>();
  // Kept untranslated: switching the language must neither reload the editor nor lose unsaved edits.
  const [failure, setFailure] = useState<{ error: unknown }>();
  const loadedOnce = useRef(false);

  const load = useCallback(
    async (notice?: Notice) => {
      try {
        // The first opening may take what the route's loader prefetched; a reload reads the server again.
        const template = await (loadedOnce.current
          ? loadTemplate(api, templateKey)
          : openTemplate(queryClient, api, templateKey));
        loadedOnce.current = true;
        setOpened((previous) => ({ template, generation: (previous?.generation ?? 0) + 1, notice }));
        setFailure(undefined);
      } catch (error) {
        setFailure({ error });
      }
    },
    [api, queryClient, templateKey],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (failure) {
    const { error } = failure;
    return (
      <main className="page-message">
        <p className="error" role="alert" data-testid="editor-error">
          {isApiError(error)
            ? message(error.message)
            : error instanceof Error && error.name === 'OpenTemplateError'
              ? t('template.malformed', { details: error.message })
              : t('error.unexpected')}
        </p>
      </main>
    );
  }
  if (!opened) return <main className="page-message muted">{t('common.loading')}</main>;
  return (
    <ReactFlowProvider key={opened.generation}>
      <EditorWorkspace opened={opened.template} notice={opened.notice} onReload={(notice) => void load(notice)} />
    </ReactFlowProvider>
  );
}
