import { render } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ProcessDefinition } from '../../definitions/schema';
import type { ApiClient } from '../src/api/client';
import { EditorWorkspace } from '../src/editor/editor-workspace';
import { I18nProvider } from '../src/i18n/i18n';
import { SessionProvider } from '../src/session/session';
import { adminSession } from './fake-api';

/** Renders the editor for one template, as the editor page would after loading it. */
export function renderWorkspace(
  client: ApiClient,
  definition: ProcessDefinition,
  options: { editable?: boolean } = {},
) {
  const onReload = jest.fn();
  const view = render(
    <I18nProvider language="zh">
      <SessionProvider client={client} initial={adminSession}>
        <ReactFlowProvider>
          <EditorWorkspace
            opened={{
              definition,
              revision: 3,
              detail: {
                template: {
                  key: definition.key,
                  name: definition.name,
                  ownerUnit: 'jian/jizhou',
                  builtIn: false,
                  derivedFrom: { key: 'resident-complaint', version: 1 },
                  latestVersion: 1,
                  hasDraft: true,
                  draftRevision: 3,
                  retired: false,
                  editable: options.editable ?? true,
                },
                draft: null,
                versions: [],
              },
            }}
            onReload={onReload}
          />
        </ReactFlowProvider>
      </SessionProvider>
    </I18nProvider>,
  );
  return { ...view, onReload };
}
