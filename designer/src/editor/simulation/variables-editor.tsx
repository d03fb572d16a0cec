import type { VariableDeclaration } from '../../../../definitions/variables';
import { useI18n } from '../../i18n/i18n';

/** The value typed into a variable's input, converted to the variable's type (empty → unset). */
export function parseVariableInput(type: VariableDeclaration['type'], text: string): unknown {
  if (text.trim() === '') return undefined;
  if (type === 'number') return Number(text);
  if (type === 'integer') return Math.trunc(Number(text));
  return text;
}

/** One input per declared case variable, typed by its declaration (the simulator's way to steer gateways). */
export function VariablesEditor({
  declarations,
  values,
  onChange,
}: {
  declarations: readonly VariableDeclaration[];
  values: Record<string, unknown>;
  onChange(values: Record<string, unknown>): void;
}) {
  const { t, text } = useI18n();
  if (declarations.length === 0) return <p className="muted">{t('simulation.no-variables')}</p>;
  const set = (key: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <div className="variables-editor">
      {declarations.map((declaration) => {
        const value = values[declaration.key];
        const label = `${text(declaration.label)} (${declaration.key})${declaration.required ? ' *' : ''}`;
        if (declaration.type === 'boolean') {
          return (
            <label key={declaration.key} className="checkbox">
              <input
                type="checkbox"
                checked={value === true}
                onChange={(event) => set(declaration.key, event.target.checked)}
              />
              {label}
            </label>
          );
        }
        return (
          <label key={declaration.key}>
            {label}
            <input
              data-testid={`sim-variable-${declaration.key}`}
              type={declaration.type === 'number' || declaration.type === 'integer' ? 'number' : 'text'}
              placeholder={
                declaration.type === 'date'
                  ? 'YYYY-MM-DD'
                  : declaration.type === 'datetime'
                    ? '2025-10-01T09:00:00+08:00'
                    : ''
              }
              value={value === undefined ? '' : String(value)}
              onChange={(event) => set(declaration.key, parseVariableInput(declaration.type, event.target.value))}
            />
          </label>
        );
      })}
    </div>
  );
}
