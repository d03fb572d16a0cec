import type { Issue } from '../../../../definitions/common';
import { ProcessDefinition } from '../../../../definitions/schema';
import type { Department, DirectoryRole } from '../../api/schemas';
import { useI18n } from '../../i18n/i18n';
import { InspectorContext, type InspectorContextValue } from './inspector-context';
import { mergeProblems } from './merge-problems';
import { ObjectField } from './object-field';
import { usePendingEdit } from './use-pending-edit';
import { isRecord } from './zod-introspect';

/**
 * The template's own settings when no node is selected: name, description, the roles its tasks address and the
 * case variables its forms write and gateways read — generated from the ProcessDefinition schema.
 */
export function DefinitionInspector({
  definition,
  issues,
  readOnly,
  directoryRoles,
  departments,
  update,
}: {
  definition: ProcessDefinition;
  issues: readonly Issue[];
  readOnly: boolean;
  directoryRoles: readonly DirectoryRole[];
  departments: readonly Department[];
  update(edit: (definition: ProcessDefinition) => ProcessDefinition, coalesceKey?: string): void;
}) {
  const { t } = useI18n();
  const edit = usePendingEdit(definition, ProcessDefinition, (parsed, coalesceKey) =>
    update(
      (current) => ({
        ...current,
        name: parsed.name,
        description: parsed.description,
        roles: parsed.roles,
        variables: parsed.variables,
      }),
      coalesceKey && `definition:${coalesceKey}`,
    ),
  );
  const context: InspectorContextValue = {
    hintScope: 'definition',
    definition,
    readOnly,
    errors: mergeProblems(
      edit.problems,
      issues.filter((found) => found.nodeId === undefined && found.edge === undefined),
    ),
    directoryRoles,
    departments,
    declareRole: () => undefined,
    markTyping: edit.markTyping,
  };
  return (
    <InspectorContext.Provider value={context}>
      <div className="definition-inspector" data-testid="definition-inspector">
        <h3>{t('inspector.template')}</h3>
        <p className="muted hint">{t('inspector.template-hint')}</p>
        <ObjectField
          schema={ProcessDefinition}
          value={isRecord(edit.shown) ? edit.shown : {}}
          path={[]}
          exclude={['schemaVersion', 'key', 'nodes', 'edges']}
          onChange={edit.change}
        />
      </div>
    </InspectorContext.Provider>
  );
}
