import { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { fieldLabel, valueLabel } from './field-label';
import { useInspector } from './inspector-context';
import { ObjectField } from './object-field';
import type { Path } from './schema-field';
import { initialValue, isRecord, unionOption } from './zod-introspect';

/**
 * A discriminated union (a timer's wait: a duration or a variable; a form field's type): a select for the
 * discriminator, then the chosen option's fields. Switching keeps the fields both options share.
 */
export function UnionField({
  schema,
  value,
  path,
  label,
  onChange,
}: {
  schema: z.ZodDiscriminatedUnion;
  value: unknown;
  path: Path;
  label?: string;
  onChange(value: unknown): void;
}) {
  const i18n = useI18n();
  const { readOnly } = useInspector();
  const { discriminator, option, values } = unionOption(schema, value);
  const record = isRecord(value) ? value : {};

  function switchTo(choice: string) {
    const target = schema.options.find(
      (candidate) =>
        candidate instanceof z.ZodObject &&
        candidate.shape[discriminator] instanceof z.ZodLiteral &&
        String(candidate.shape[discriminator].value) === choice,
    );
    if (!target) return;
    const fresh = initialValue(target);
    const kept = isRecord(fresh) ? { ...fresh } : {};
    for (const key of Object.keys(kept)) if (key !== discriminator && key in record) kept[key] = record[key];
    onChange({ ...kept, [discriminator]: choice });
  }

  return (
    <fieldset className="object-field union-field">
      {label !== undefined && <legend>{label}</legend>}
      <label>
        {fieldLabel(i18n, discriminator)}
        <select
          value={String(record[discriminator] ?? '')}
          disabled={readOnly}
          data-testid={`union-${discriminator}`}
          onChange={(event) => switchTo(event.target.value)}
        >
          {values.map((choice) => (
            <option key={choice} value={choice}>
              {valueLabel(i18n, choice)}
            </option>
          ))}
        </select>
      </label>
      {option && (
        <ObjectField
          schema={option}
          value={record}
          path={path}
          exclude={[discriminator]}
          onChange={(next) => onChange({ ...next, [discriminator]: record[discriminator] })}
        />
      )}
    </fieldset>
  );
}
