import { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { ArrayField } from './array-field';
import { fieldLabel, valueLabel } from './field-label';
import type { Path } from './schema-field';
import { initialValue, isRecord } from './zod-introspect';

/**
 * The task form builder: the fields a person fills in when completing the task, edited as a list whose "add"
 * offers one button per field type the language knows (text, number, choice, date, attachment).
 */
export function FormBuilder({
  schema,
  value,
  path,
  onChange,
}: {
  schema: z.ZodArray;
  value: readonly unknown[];
  path: Path;
  onChange(value: unknown[]): void;
}) {
  const i18n = useI18n();
  const element = schema.element;
  const options =
    element instanceof z.ZodDiscriminatedUnion
      ? element.options.filter((option): option is z.ZodObject => option instanceof z.ZodObject)
      : [];
  const typeOf = (option: z.ZodObject) => {
    const literal = option.shape.type;
    return literal instanceof z.ZodLiteral ? String(literal.value) : '';
  };
  return (
    <div className="form-builder" data-testid="form-builder">
      <ArrayField
        schema={schema}
        value={value}
        path={path}
        label={fieldLabel(i18n, 'form')}
        onChange={onChange}
        renderAdd={(add) => (
          <div className="form-builder-add">
            <span className="muted">{i18n.t('form-builder.add')}</span>
            {options.map((option) => (
              <button
                type="button"
                key={typeOf(option)}
                data-testid={`form-add-${typeOf(option)}`}
                onClick={() => {
                  const fresh = initialValue(option, value.length);
                  add(isRecord(fresh) ? { ...fresh, key: `field-${value.length + 1}` } : fresh);
                }}
              >
                {valueLabel(i18n, typeOf(option))}
              </button>
            ))}
          </div>
        )}
      />
    </div>
  );
}
