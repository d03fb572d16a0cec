import { useI18n } from '../i18n/i18n';
import type { SaveState } from './lifecycle/use-autosave';

export type SidePanel = 'inspector' | 'simulation' | 'versions';

/** The editor's command bar: history, layout, save state, publish/retire, and which side panel is shown. */
export function Toolbar({
  readOnly,
  canUndo,
  canRedo,
  saveState,
  canPublish,
  publishBlockedBy,
  canRetire,
  panel,
  onUndo,
  onRedo,
  onLayout,
  onFit,
  onPublish,
  onRetire,
  onPanel,
}: {
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saveState: SaveState;
  canPublish: boolean;
  /** Why publishing is disabled, shown as its tooltip. */
  publishBlockedBy: string | undefined;
  canRetire: boolean;
  panel: SidePanel;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFit(): void;
  onPublish(): void;
  onRetire(): void;
  onPanel(panel: SidePanel): void;
}) {
  const { t, message } = useI18n();
  const saveText =
    saveState.status === 'error' ? `${t('save.error')}: ${message(saveState.message)}` : t(`save.${saveState.status}`);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {!readOnly && (
        <>
          <button type="button" onClick={onUndo} disabled={!canUndo} data-testid="undo" title="Ctrl+Z">
            {t('toolbar.undo')}
          </button>
          <button type="button" onClick={onRedo} disabled={!canRedo} data-testid="redo" title="Ctrl+Y">
            {t('toolbar.redo')}
          </button>
          <button type="button" onClick={onLayout} data-testid="auto-layout">
            {t('toolbar.layout')}
          </button>
        </>
      )}
      <button type="button" onClick={onFit} data-testid="fit-view">
        {t('toolbar.fit')}
      </button>
      <span className="spacer" />
      {readOnly ? (
        <span className="badge" data-testid="read-only">
          {t('editor.read-only')}
        </span>
      ) : (
        <span className={`save-state ${saveState.status}`} data-testid="save-state" data-status={saveState.status}>
          {saveText}
        </span>
      )}
      <div className="tabs" role="tablist">
        {(['inspector', 'simulation', 'versions'] as const).map((name) => (
          <button
            type="button"
            role="tab"
            key={name}
            aria-selected={panel === name}
            className={panel === name ? 'active' : ''}
            onClick={() => onPanel(name)}
            data-testid={`tab-${name}`}
          >
            {t(`panel.${name}`)}
          </button>
        ))}
      </div>
      {!readOnly && (
        <>
          {canRetire && (
            <button type="button" className="danger" onClick={onRetire} data-testid="retire">
              {t('retire.open')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            onClick={onPublish}
            disabled={!canPublish}
            title={publishBlockedBy}
            data-testid="publish"
          >
            {t('publish.open')}
          </button>
        </>
      )}
    </div>
  );
}
