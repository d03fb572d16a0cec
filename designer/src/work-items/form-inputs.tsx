import type { AttachmentRef } from '../../../definitions/attachment-ref';
import type { FormField } from '../../../definitions/forms';
import { useApi } from '../api/api-context';
import { AttachmentField } from '../attachments/attachment-field';
import { useI18n } from '../i18n/i18n';

/** What a field's input holds: typed text, or an uploaded file's reference. */
export type FieldInput = string | AttachmentRef;

/** The value a field's input holds, as the form data sends it (empty → absent). */
export function fieldValue(field: FormField, raw: FieldInput | undefined): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') return raw;
  if (raw.trim() === '') return undefined;
  if (field.type === 'number') return Number(raw);
  return raw;
}

/** An attachment field: the file is uploaded to the case at once and the form carries its reference. */
function AttachmentInput({
  field,
  caseId,
  value,
  onChange,
}: {
  field: FormField;
  caseId: string;
  value: FieldInput | undefined;
  onChange(value: AttachmentRef | undefined): void;
}) {
  const api = useApi();
  const { text } = useI18n();
  return (
    <AttachmentField
      caseId={caseId}
      label={text(field.label)}
      required={field.required}
      value={typeof value === 'object' ? value : undefined}
      onChange={onChange}
      api={api.attachments}
    />
  );
}

/** One form field's input, by its type: text, number, choice, date, attachment (a stored file's reference). */
export function FormInput({
  field,
  id,
  caseId,
  value: input,
  invalid,
  onChange,
}: {
  field: FormField;
  id: string;
  /** The case an attachment is uploaded to. */
  caseId: string;
  value: FieldInput | undefined;
  invalid: boolean;
  onChange(value: FieldInput | undefined): void;
}) {
  if (field.type === 'attachment')
    return <AttachmentInput field={field} caseId={caseId} value={input} onChange={onChange} />;
  const value = typeof input === 'string' ? input : '';
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
  }
}
