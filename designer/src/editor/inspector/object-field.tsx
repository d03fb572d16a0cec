import { z } from 'zod';
import { Calendar } from '../../../../definitions/duration';
import { useI18n } from '../../i18n/i18n';
import { DurationEditor } from './fields/duration-editor';
import { FieldErrors } from './fields/field-errors';
import { useInspector } from './inspector-context';
import { SchemaField, type Path } from './schema-field';

/**
 * The fields of a zod object, one SchemaField each. A `within` + `calendar` pair (SLAs, timers) is edited together
 * by the duration editor, whatever object it sits in.
 */
export function ObjectField({
  schema,
  value,
  path,
  label,
  exclude = [],
  onChange,
  onRemove,
}: {
  schema: z.ZodObject;
  value: Record<string, unknown>;
  path: Path;
  label?: string;
  exclude?: readonly string[];
  onChange(value: Record<string, unknown>): void;
  onRemove?(): void;
}) {
  const { t } = useI18n();
  const { readOnly } = useInspector();
  const keys = Object.keys(schema.shape).filter((key) => !exclude.includes(key));
  const hasDuration = keys.includes('within') && keys.includes('calendar');
  const calendar = Calendar.safeParse(value.calendar ?? 'natural');
  const body = (
    <>
      {hasDuration && (
        <DurationEditor
          within={typeof value.within === 'string' ? value.within : ''}
          calendar={calendar.success ? calendar.data : 'natural'}
          path={path}
          onChange={(pair) => onChange({ ...value, ...pair })}
        />
      )}
      {keys
        .filter((key) => !hasDuration || (key !== 'within' && key !== 'calendar'))
        .map((key) => (
          <SchemaField
            key={key}
            schema={schema.shape[key]!}
            value={value[key]}
            path={[...path, key]}
            onChange={(next) => {
              const copy = { ...value };
              if (next === undefined) delete copy[key];
              else copy[key] = next;
              onChange(copy);
            }}
          />
        ))}
      <FieldErrors path={path} />
    </>
  );
  if (label === undefined) return body;
  return (
    <fieldset className="object-field">
      <legend>
        {label}
        {onRemove && !readOnly && (
          <button type="button" className="link-button" onClick={onRemove}>
            {t('inspector.remove')}
          </button>
        )}
      </legend>
      {body}
    </fieldset>
  );
}
