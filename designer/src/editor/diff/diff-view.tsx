import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { diffDefinitions, type DefinitionDiff } from '../../../../definitions/diff';
import { ProcessDefinition } from '../../../../definitions/schema';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { Canvas } from '../canvas/canvas';
import { noDecorations } from '../canvas/decorations';
import { emptySelection } from '../document/selection';
import { ChangeList } from './change-list';
import { diffPicture } from './diff-overlay';

/** Which two definitions to compare: published versions, or a version and the current draft. */
export interface Comparison {
  from: number;
  to: number | 'draft';
}

/**
 * The visual diff of two versions: the newer one drawn with added nodes green, removed ones as red ghosts and
 * changed ones amber, and the field-level changes listed beside it. Computed in the browser by the same
 * `diffDefinitions` the API's diff route uses.
 */
export function DiffView({
  templateKey,
  comparison,
  draft,
  onClose,
}: {
  templateKey: string;
  comparison: Comparison;
  draft: ProcessDefinition;
  onClose(): void;
}) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const [result, setResult] = useState<{ after: ProcessDefinition; diff: DefinitionDiff } | { error: string }>();

  useEffect(() => {
    let current = true;
    const load = async (version: number | 'draft') =>
      version === 'draft' ? draft : (await api.getVersion(templateKey, version)).version.definition;
    Promise.all([load(comparison.from), load(comparison.to)])
      .then(([before, after]) => {
        const parsed = ProcessDefinition.safeParse(after);
        if (!current) return;
        if (!parsed.success) setResult({ error: t('template.malformed', { details: parsed.error.message }) });
        else setResult({ after: parsed.data, diff: diffDefinitions(before, after) });
      })
      .catch((error: unknown) => {
        if (current) setResult({ error: errorText(error) });
      });
    return () => {
      current = false;
    };
  }, [api, templateKey, comparison, draft, errorText, t]);

  const picture = result && 'diff' in result ? diffPicture(result.after, result.diff) : undefined;
  const to = comparison.to === 'draft' ? t('versions.draft') : `v${comparison.to}`;
  return (
    <div
      className="diff-view"
      role="dialog"
      aria-label={t('diff.title', { from: `v${comparison.from}`, to })}
      data-testid="diff-view"
    >
      <header className="diff-head">
        <h2>{t('diff.title', { from: `v${comparison.from}`, to })}</h2>
        <span className="legend">
          <span className="diff-added">{t('diff.legend.added')}</span>
          <span className="diff-removed">{t('diff.legend.removed')}</span>
          <span className="diff-changed">{t('diff.legend.changed')}</span>
        </span>
        <button type="button" onClick={onClose} data-testid="diff-close">
          {t('common.close')}
        </button>
      </header>
      {!result && <p className="muted">{t('common.loading')}</p>}
      {result && 'error' in result && (
        <p className="error" role="alert">
          {result.error}
        </p>
      )}
      {picture && result && 'diff' in result && (
        <div className="diff-body">
          <ReactFlowProvider>
            <Canvas
              definition={picture.definition}
              decorations={{ ...noDecorations, ...picture.highlights }}
              selection={emptySelection}
              readOnly
              onChange={() => undefined}
              onSelectionChange={() => undefined}
            />
          </ReactFlowProvider>
          <ChangeList diff={result.diff} />
        </div>
      )}
    </div>
  );
}
