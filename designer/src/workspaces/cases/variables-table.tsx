import type { ProcessDefinition } from '../../../../definitions/schema';
import { useI18n } from '../../i18n/i18n';
import { formatValue } from '../../work-items/format';

/** The case's variables with their declared labels (undeclared ones by key). */
export function VariablesTable({
  variables,
  definition,
}: {
  variables: Record<string, unknown>;
  definition: ProcessDefinition | undefined;
}) {
  const { t, text } = useI18n();
  const keys = Object.keys(variables);
  if (keys.length === 0) return <p className="muted">{t('case.no-variables')}</p>;
  return (
    <dl className="variables" data-testid="variables">
      {keys.map((key) => {
        const declared = definition?.variables.find((variable) => variable.key === key);
        return (
          <div key={key}>
            <dt>{declared ? text(declared.label) : key}</dt>
            <dd>{formatValue(variables[key])}</dd>
          </div>
        );
      })}
    </dl>
  );
}
