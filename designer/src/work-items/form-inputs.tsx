import type { FormField } from '../../../definitions/forms';
import { useI18n } from '../i18n/i18n';

/** The value a field's input holds, as the form data sends it (empty → absent). */
export function fieldValue(field: FormField, raw: string): unknown {
  if (raw.trim() === '') return undefined;
  if (field.type === 'number') return Number(raw);
  return raw;
}

/** One form field's input, by its type: text, number, choice, date, attachment (a stored file's reference). */
export function FormInput({
  field,
  id,
  value,
  invalid,
  onChange,
}: {
  field: FormField;
  id: string;
  value: string;
  invalid: boolean;
  onChange(value: string): void;
}) {
  const { t, text } = useI18n();
  const common = {
    id,
    'data-testid': `form-${field.key}`,
    'aria-invalid': invalid || undefined,
    required: field.required,
    value,
  };
  switch (field.type) {
    case 'text':
      return (
        <textarea {...common} rows={3} maxLength={field.maxLength} onChange={(event) => onChange(event.target.value)} />
      );
    case 'number':
      return (
        <input
          {...common}
          type="number"
          step={field.integer ? 1 : 'any'}
          min={field.min}
          max={field.max}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'choice':
      return (
        <select {...common} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('act.choose')}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {text(option.label)}
            </option>
          ))}
        </select>
      );
    case 'date':
      return <input {...common} type="date" onChange={(event) => onChange(event.target.value)} />;
    case 'attachment':
      return (
        <input
          {...common}
          type="text"
          placeholder={t('act.attachment-placeholder')}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
