import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Issue } from '../../../definitions/common';
import type { NodeKind } from '../../../definitions/kinds';
import { isValid } from '../../../definitions/validate';
import { useApi } from '../api/api-context';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { Canvas } from './canvas/canvas';
import { autoLayout } from './canvas/auto-layout';
import type { ConnectionRefusal } from './canvas/connection-rules';
import { issueDecorations, issueNodeId, noDecorations, type Decorations } from './canvas/decorations';
import { DiffView, type Comparison } from './diff/diff-view';
import { addNode, copyFragment, moveNodes, pasteFragment, type Fragment } from './document/edit-operations';
import { freshNodeId, newNode } from './document/new-node';
import { emptySelection, selectNodes, type Selection } from './document/selection';
import { useEditorDocument } from './document/use-editor-document';
import { Inspector } from './inspector/inspector';
import { ConflictBanner } from './lifecycle/conflict-banner';
import type { OpenedTemplate } from './lifecycle/load-template';
import { PublishDialog } from './lifecycle/publish-dialog';
import { RetireDialog } from './lifecycle/retire-dialog';
import { useAutosave } from './lifecycle/use-autosave';
import { useDirectory } from './lifecycle/use-directory';
import { VersionsPanel } from './lifecycle/versions-panel';
import { Palette } from './palette/palette';
import { defaultSimulationUnit } from './simulation/default-org-unit';
import { simulationHighlights } from './simulation/simulation-decorations';
import { SimulationPanel } from './simulation/simulation-panel';
import type { Simulation } from './simulation/simulator';
import { Toolbar, type SidePanel } from './toolbar';
import { useShortcuts } from './use-shortcuts';
import type { Notice } from './notice';
import { useValidation } from './validation/use-validation';
import { ValidationPanel } from './validation/validation-panel';

/**
 * The designer for one opened template: palette, canvas, inspector / simulator / versions, validation panel and the
 * lifecycle (autosave, publish, retire, diff). Read-only when the template is not the user's to edit.
 */
export function EditorWorkspace({
  opened,
  notice,
  onReload,
}: {
  opened: OpenedTemplate;
  notice?: Notice;
  onReload(notice?: Notice): void;
}) {
  const api = useApi();
  const { t, text } = useI18n();
  const { session } = useSession();
  const flow = useReactFlow();
  const { template, versions } = opened.detail;
  const readOnly = !template.editable || template.retired;
  const document = useEditorDocument(opened.definition);
  const { definition, update, replace } = document;
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const issues = useValidation(definition);
  const autosave = useAutosave({
    api,
    templateKey: template.key,
    definition,
    revision: opened.revision,
    enabled: !readOnly,
  });
  const directory = useDirectory(api);
  const [panel, setPanel] = useState<SidePanel>('inspector');
  const [simulation, setSimulation] = useState<Simulation>();
  const [dialog, setDialog] = useState<'publish' | 'retire'>();
  const [comparison, setComparison] = useState<Comparison>();
  const [status, setStatus] = useState<Notice | undefined>(notice);
  const clipboard = useRef<{ fragment: Fragment; pastes: number }>(undefined);
  const canvasArea = useRef<HTMLDivElement>(null);

  const valid = isValid(issues);
  const conflict = autosave.state.status === 'conflict' ? autosave.state : undefined;
  const nothingToPublish = autosave.revision === 0 && autosave.state.status === 'saved';
  const publishBlockedBy = !valid
    ? t('publish.blocked-errors')
    : conflict
      ? t('publish.blocked-conflict')
      : nothingToPublish
        ? t('publish.blocked-no-draft')
        : undefined;

  const decorations = useMemo<Decorations>(
    () => ({
      ...noDecorations,
      ...issueDecorations(issues, definition),
      ...(simulation && panel === 'simulation' ? simulationHighlights(simulation) : {}),
    }),
    [issues, definition, simulation, panel],
  );

  const focusIssue = useCallback(
    (found: Issue) => {
      const id = issueNodeId(found, definition) ?? found.edge?.from;
      const node = id && flow.getNode(id);
      if (!id || !node) return;
      setSelection(selectNodes([id]));
      setPanel('inspector');
      const width = node.measured?.width ?? 200;
      const height = node.measured?.height ?? 80;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: 1.1, duration: 300 });
    },
    [definition, flow],
  );

  const addAtCenter = useCallback(
    (kind: NodeKind) => {
      const box = canvasArea.current?.getBoundingClientRect();
      const center = flow.screenToFlowPosition({
        x: (box?.left ?? 0) + (box?.width ?? 0) / 2,
        y: (box?.top ?? 0) + (box?.height ?? 0) / 2,
      });
      const id = freshNodeId(definition, kind);
      replace(addNode(definition, newNode(kind, id, center, definition)));
      setSelection(selectNodes([id]));
    },
    [definition, flow, replace],
  );

  const layout = useCallback(async () => {
    const sizes = new Map(
      flow
        .getNodes()
        .flatMap((node) =>
          node.measured?.width && node.measured.height
            ? [[node.id, { width: node.measured.width, height: node.measured.height }] as const]
            : [],
        ),
    );
    const positions = await autoLayout(definition, sizes);
    update((current) => moveNodes(current, positions));
    setTimeout(() => void flow.fitView({ duration: 300 }), 50);
  }, [definition, flow, update]);

  useShortcuts(
    {
      undo: document.undo,
      redo: document.redo,
      copy: () => {
        if (selection.nodes.size === 0) return;
        clipboard.current = { fragment: copyFragment(definition, [...selection.nodes]), pastes: 0 };
      },
      paste: () => {
        const copied = clipboard.current;
        if (!copied) return;
        copied.pastes += 1;
        const offset = { x: 40 * copied.pastes, y: 40 * copied.pastes };
        const pasted = pasteFragment(definition, copied.fragment, offset);
        replace(pasted.definition);
        setSelection(selectNodes(pasted.nodeIds));
      },
    },
    !readOnly,
  );

  const onRefused = useCallback((reason: ConnectionRefusal) => setStatus({ key: `connection.${reason}` }), []);

  return (
    <div className="editor" data-testid="editor">
      <div className="editor-title">
        <h1>{text(definition.name)}</h1>
        <code className="muted">{template.key}</code>
        {template.retired && <span className="badge retired">{t('home.retired')}</span>}
        {template.latestVersion !== null && (
          <span className="muted">{t('home.version', { version: template.latestVersion })}</span>
        )}
      </div>
      <Toolbar
        readOnly={readOnly}
        canUndo={document.canUndo}
        canRedo={document.canRedo}
        saveState={autosave.state}
        canPublish={publishBlockedBy === undefined}
        publishBlockedBy={publishBlockedBy}
        canRetire={!template.retired && !template.builtIn}
        panel={panel}
        onUndo={document.undo}
        onRedo={document.redo}
        onLayout={() => void layout()}
        onFit={() => void flow.fitView({ duration: 300 })}
        onPublish={() => setDialog('publish')}
        onRetire={() => setDialog('retire')}
        onPanel={setPanel}
      />
      {conflict && <ConflictBanner state={conflict} onReload={() => onReload()} />}
      {readOnly && (
        <div className="banner" data-testid="read-only-banner">
          {template.retired ? t('editor.retired-explain') : t('editor.read-only-explain')}
        </div>
      )}
      {status && (
        <div className="banner info" role="status" data-testid="status">
          {t(status.key, status.values)}
          <button
            type="button"
            className="link-button"
            aria-label={t('common.close')}
            onClick={() => setStatus(undefined)}
          >
            ×
          </button>
        </div>
      )}
      <div className={readOnly ? 'editor-body read-only' : 'editor-body'}>
        {!readOnly && <Palette onAdd={addAtCenter} />}
        <div className="editor-center">
          <div className="canvas-area" ref={canvasArea}>
            <Canvas
              definition={definition}
              decorations={decorations}
              selection={selection}
              readOnly={readOnly}
              onChange={replace}
              onSelectionChange={setSelection}
              onRefused={onRefused}
            />
          </div>
          <ValidationPanel issues={issues} onSelect={focusIssue} />
        </div>
        <div className="side-panel">
          {panel === 'inspector' && (
            <Inspector
              definition={definition}
              selection={selection}
              issues={issues}
              readOnly={readOnly}
              directoryRoles={directory.roles}
              departments={directory.departments}
              update={update}
              select={(ids) => setSelection(selectNodes(ids))}
            />
          )}
          {panel === 'simulation' && (
            <SimulationPanel
              definition={definition}
              blocked={!valid}
              defaultOrgUnit={defaultSimulationUnit(session?.user.memberships[0]?.orgUnit, definition)}
              simulation={simulation}
              onSimulation={setSimulation}
            />
          )}
          {panel === 'versions' && <VersionsPanel versions={versions} hasDraft={!readOnly} onCompare={setComparison} />}
        </div>
      </div>
      {dialog === 'publish' && (
        <PublishDialog
          nextVersion={(template.latestVersion ?? 0) + 1}
          onCancel={() => setDialog(undefined)}
          onPublish={async (changeNote) => {
            const revision = await autosave.flush();
            const published = await api.publish(template.key, changeNote, revision);
            setDialog(undefined);
            onReload({ key: 'publish.done', values: { version: published.version.version } });
          }}
        />
      )}
      {dialog === 'retire' && (
        <RetireDialog
          onCancel={() => setDialog(undefined)}
          onRetire={async (reason) => {
            await api.retire(template.key, reason);
            setDialog(undefined);
            onReload({ key: 'retire.done' });
          }}
        />
      )}
      {comparison && (
        <DiffView
          templateKey={template.key}
          comparison={comparison}
          draft={definition}
          onClose={() => setComparison(undefined)}
        />
      )}
    </div>
  );
}
