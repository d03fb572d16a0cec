import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { kindOf, kinds } from '../../../../definitions/kinds';
import { useI18n } from '../../i18n/i18n';
import { useZoomedOut } from './detail-level';
import type { ProcessFlowNode } from './to-flow';

/**
 * How every node kind is drawn (zoomed out: a box with its title, see detail-level): icon, title and kind, an issue badge, one target handle (unless the kind refuses
 * incoming wires) and one source handle per outcome its kind declares — the handle id is the outcome key.
 */
function ProcessNodeViewComponent({ data, selected }: NodeProps<ProcessFlowNode>) {
  const { t, text } = useI18n();
  const { node, errors, warnings, highlight } = data;
  const kind = kinds[node.kind];
  const zoomedOut = useZoomedOut();
  const className = [
    'process-node',
    `kind-${node.kind}`,
    zoomedOut ? 'low-detail' : '',
    selected ? 'selected' : '',
    errors > 0 ? 'has-errors' : '',
    highlight ? `highlight-${highlight}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (zoomedOut)
    return (
      <div
        className={className}
        data-testid={`node-${node.id}`}
        aria-label={`${text(kind.palette.label)} ${text(node.title)}`}
      >
        <span className="process-node-lod-title">
          {kind.palette.icon} {text(node.title)}
        </span>
        {(errors > 0 || warnings > 0) && (
          <span className={`issue-badge ${errors > 0 ? 'error' : 'warning'}`} data-testid="node-issue-badge">
            {errors + warnings}
          </span>
        )}
      </div>
    );
  const outcomes = kindOf(node).outcomes(node);
  return (
    <div
      className={className}
      data-testid={`node-${node.id}`}
      aria-label={`${text(kind.palette.label)} ${text(node.title)}`}
    >
      {kind.acceptsIncoming && <Handle type="target" position={Position.Left} className="target-handle" />}
      <div className="process-node-head">
        <span className="process-node-icon" aria-hidden="true">
          {kind.palette.icon}
        </span>
        <span className="process-node-title" title={text(node.title)}>
          {text(node.title)}
        </span>
        {(errors > 0 || warnings > 0) && (
          <span
            className={`issue-badge ${errors > 0 ? 'error' : 'warning'}`}
            data-testid="node-issue-badge"
            title={t('validation.node-badge', { count: errors + warnings })}
            aria-label={t('validation.node-badge', { count: errors + warnings })}
          >
            {errors + warnings}
          </span>
        )}
      </div>
      <div className="process-node-kind muted">
        {text(kind.palette.label)} · <code>{node.id}</code>
      </div>
      {outcomes.length > 0 && (
        <ul className="process-node-outcomes">
          {outcomes.map((outcome) => (
            <li key={outcome.key} className="process-node-outcome">
              <span>{text(outcome.label)}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={outcome.key}
                className="outcome-handle"
                data-testid={`handle-${node.id}-${outcome.key}`}
                aria-label={t('canvas.outcome-handle', { outcome: text(outcome.label) })}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Memoised: React Flow re-renders a node only when its data or selection changes. */
export const ProcessNodeView = memo(ProcessNodeViewComponent);
