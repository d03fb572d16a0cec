import { useId } from 'react';
import type { VariableDeclaration } from '../../../../definitions/variables';
import { useI18n } from '../../i18n/i18n';

/** The input a variable's type calls for. */
function inputType(type: VariableDeclaration['type']): string {
  switch (type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime-local';
    default:
      return 'text';
  }
}

/**
 * The case's variables as a form generated from the template's variable declarations (their type, label and
 * `required`); the values are checked against `variablesSchema` of definitions/variables.ts before the case starts.
 */
export function VariablesForm({
  declarations,
  values,
  problems,
  onChange,
}: {
  declarations: readonly VariableDeclaration[];
  values: Record<string, string | boolean>;
  problems: Record<string, string[]>;
  onChange(key: string, value: string | boolean): void;
}) {
  const { text } = useI18n();
  const formId = useId();
  return (
    <>
      {declarations.map((declaration) => {
        const id = `${formId}-${declaration.key}`;
        const value = values[declaration.key];
        const fieldProblems = problems[declaration.key] ?? [];
        return (
          <div className="field" key={declaration.key}>
            {declaration.type === 'boolean' ? (
              <label className="checkbox">
                <input
                  id={id}
                  type="checkbox"
                  data-testid={`variable-${declaration.key}`}
                  checked={value === true}
                  onChange={(event) => onChange(declaration.key, event.target.checked)}
                />
                {text(declaration.label)}
              </label>
            ) : (
              <>
                <label htmlFor={id}>
                  {text(declaration.label)}
                  {declaration.required && <span className="required"> *</span>}
                </label>
                {declaration.type === 'string' ? (
                  <textarea
                    id={id}
                    rows={2}
                    data-testid={`variable-${declaration.key}`}
                    aria-invalid={fieldProblems.length > 0 || undefined}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(event) => onChange(declaration.key, event.target.value)}
                  />
                ) : (
                  <input
                    id={id}
                    type={inputType(declaration.type)}
                    data-testid={`variable-${declaration.key}`}
                    aria-invalid={fieldProblems.length > 0 || undefined}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(event) => onChange(declaration.key, event.target.value)}
                  />
                )}
              </>
            )}
            {fieldProblems.map((problem) => (
              <p className="field-error" role="alert" key={problem}>
                {problem}
              </p>
            ))}
          </div>
        );
      })}
    </>
  );
}

/** The typed value of a variable's input (empty → absent; datetime-local gets the +08:00 offset). */
export function variableValue(declaration: VariableDeclaration, raw: string | boolean | undefined): unknown {
  if (typeof raw === 'boolean') return raw;
  if (raw === undefined || raw.trim() === '') return undefined;
  switch (declaration.type) {
    case 'number':
      return Number(raw);
    case 'integer':
      return Number(raw);
    case 'datetime':
      return raw.length === 16 ? `${raw}:00+08:00` : raw;
    default:
      return raw;
  }
}
