import type { Issue } from '../../../../definitions/common';
import type { ProcessDefinition } from '../../../../definitions/schema';
import type { Department, DirectoryRole } from '../../api/schemas';
import { useI18n } from '../../i18n/i18n';
import type { Selection } from '../document/selection';
import { DefinitionInspector } from './definition-inspector';
import { NodeInspector } from './node-inspector';

export interface InspectorProps {
  definition: ProcessDefinition;
  selection: Selection;
  issues: readonly Issue[];
  readOnly: boolean;
  directoryRoles: readonly DirectoryRole[];
  departments: readonly Department[];
  update(edit: (definition: ProcessDefinition) => ProcessDefinition, coalesceKey?: string): void;
  /** Selects these nodes (a renamed node stays selected under its new id). */
  select(nodeIds: string[]): void;
}

/** The right-hand panel: the selected node's form, or the template's settings when nothing is selected. */
export function Inspector(props: InspectorProps) {
  const { t } = useI18n();
  const { definition, selection } = props;
  const selected = definition.nodes.filter((node) => selection.nodes.has(node.id));
  return (
    <aside className="inspector" aria-label={t('inspector.title')}>
      {selected.length === 1 && selected[0] ? (
        <NodeInspector key={selected[0].id} node={selected[0]} {...props} />
      ) : selected.length > 1 ? (
        <p className="muted">{t('inspector.multiple', { count: selected.length })}</p>
      ) : (
        <DefinitionInspector {...props} />
      )}
    </aside>
  );
}
