import { useI18n } from '../../../i18n/i18n';

/**
 * A select over things the definition declares (variables, fork nodes), keeping an unknown current value visible
 * so the validator's complaint about it makes sense.
 */
export function ReferenceSelect({
  value,
  options,
  optional,
  label,
  disabled,
  testId,
  onChange,
}: {
  testId: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  optional: boolean;
  label: string;
  disabled: boolean;
  onChange(value: string | undefined): void;
}) {
  const { t } = useI18n();
  const unknown = value !== undefined && value !== '' && !options.some((option) => option.value === value);
  return (
    <select
      aria-label={label}
      data-testid={testId}
      value={value ?? ''}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
    >
      {(optional || !value) && <option value="">{t('inspector.none')}</option>}
      {unknown && <option value={value}>{value}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
