import { useMemo } from 'react';
import type { Issue } from '../../../../definitions/common';
import { kinds } from '../../../../definitions/kinds';
import { ProcessNode, type ProcessDefinition, type RoleDeclaration } from '../../../../definitions/schema';
import type { Department, DirectoryRole } from '../../api/schemas';
import { useI18n } from '../../i18n/i18n';
import { replaceNode } from '../document/edit-operations';
import { InspectorContext, type InspectorContextValue } from './inspector-context';
import { mergeProblems } from './merge-problems';
import { ObjectField } from './object-field';
import { usePendingEdit } from './use-pending-edit';
import { isRecord } from './zod-introspect';
import { nodeSchemas } from '../../../../definitions/kinds';

export interface NodeInspectorProps {
  node: ProcessNode;
  definition: ProcessDefinition;
  issues: readonly Issue[];
  readOnly: boolean;
  directoryRoles: readonly DirectoryRole[];
  departments: readonly Department[];
  update(edit: (definition: ProcessDefinition) => ProcessDefinition, coalesceKey?: string): void;
  select(nodeIds: string[]): void;
}

/**
 * The inspector of one node: its id, title and its kind's config, as a form generated from the kind's zod schema
 * (plus the UI hints). Edits that parse replace the node (renames carry the edges along).
 */
export function NodeInspector({
  node,
  definition,
  issues,
  readOnly,
  directoryRoles,
  departments,
  update,
  select,
}: NodeInspectorProps) {
  const { t, text } = useI18n();
  const schema = nodeSchemas.find((candidate) => candidate.shape.kind.value === node.kind);
  const edit = usePendingEdit(node, ProcessNode, (parsed, coalesceKey) => {
    update((current) => replaceNode(current, node.id, parsed), coalesceKey && `${node.id}:${coalesceKey}`);
    if (parsed.id !== node.id) select([parsed.id]);
  });
  const nodeIssues = useMemo(() => issues.filter((found) => found.nodeId === node.id), [issues, node.id]);
  const context: InspectorContextValue = {
    hintScope: node.kind,
    definition,
    readOnly,
    errors: mergeProblems(edit.problems, nodeIssues),
    directoryRoles,
    departments,
    declareRole: (role: RoleDeclaration) =>
      update((current) =>
        current.roles.some((declared) => declared.key === role.key)
          ? current
          : { ...current, roles: [...current.roles, role] },
      ),
    markTyping: edit.markTyping,
  };
  const palette = kinds[node.kind].palette;
  return (
    <InspectorContext.Provider value={context}>
      <div className="node-inspector" data-testid="node-inspector">
        <h3>
          <span aria-hidden="true">{palette.icon}</span> {text(palette.label)}
        </h3>
        <p className="muted hint">{text(palette.description)}</p>
        {nodeIssues.length > 0 && (
          <ul className="field-errors" aria-label={t('validation.title')}>
            {nodeIssues.map((found, index) => (
              <li key={`${found.code}-${index}`}>
                <code>{found.code}</code>
              </li>
            ))}
          </ul>
        )}
        {schema && (
          <ObjectField
            schema={schema}
            value={isRecord(edit.shown) ? edit.shown : {}}
            path={[]}
            exclude={['kind', 'position']}
            onChange={edit.change}
          />
        )}
      </div>
    </InspectorContext.Provider>
  );
}
