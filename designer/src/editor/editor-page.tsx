import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import { isApiError } from '../api/api-error';
import { useI18n } from '../i18n/i18n';
import { EditorWorkspace } from './editor-workspace';
import { loadTemplate, type OpenedTemplate } from './lifecycle/load-template';

/**
 * Opens a template (its draft, else its newest version) and shows the editor. Reloading — after a conflict, a
 * publish or a retire — fetches it again and starts a fresh editor (a clean undo history on the server's state).
 */
export function EditorPage({ templateKey }: { templateKey: string }) {
  const api = useApi();
  const { t, message } = useI18n();
  const [opened, setOpened] = useState<{ template: OpenedTemplate; generation: number; notice?: string }>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (notice?: string) => {
      try {
        const template = await loadTemplate(api, templateKey);
        setOpened((previous) => ({ template, generation: (previous?.generation ?? 0) + 1, notice }));
        setError(undefined);
      } catch (caught) {
        if (isApiError(caught)) setError(message(caught.message));
        else if (caught instanceof Error && caught.name === 'OpenTemplateError')
          setError(t('template.malformed', { details: caught.message }));
        else setError(t('error.unexpected'));
      }
    },
    [api, templateKey, message, t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return (
      <main className="page-message">
        <p className="error" role="alert" data-testid="editor-error">
          {error}
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
