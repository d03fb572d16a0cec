import type { RoleDeclaration } from '../../../../../definitions/schema';
import { useI18n } from '../../../i18n/i18n';
import { useInspector } from '../inspector-context';

/** The directory's roles (its role catalogue includes every department's task role) as template declarations. */
function declarations(directoryRoles: ReturnType<typeof useInspector>['directoryRoles']): RoleDeclaration[] {
  return directoryRoles.flatMap((role) => {
    const level = role.levels[0];
    return level ? [{ key: role.key, name: role.name, level }] : [];
  });
}

/**
 * Picks the role a task or notification is addressed to: the template's declared roles first, then the org
 * directory's roles (departments' task roles among them) — picking one of those also declares it in the template.
 */
export function RolePicker({
  value,
  optional,
  label,
  testId,
  onChange,
}: {
  value: string | undefined;
  optional: boolean;
  label: string;
  testId: string;
  onChange(value: string | undefined): void;
}) {
  const { t, text } = useI18n();
  const { definition, directoryRoles, declareRole, readOnly } = useInspector();
  const declared = new Set(definition.roles.map((role) => role.key));
  const available = declarations(directoryRoles).filter((role) => !declared.has(role.key));
  const unknown = value && !declared.has(value) && !available.some((role) => role.key === value);

  function pick(key: string) {
    if (key === '') return onChange(undefined);
    const fromDirectory = available.find((role) => role.key === key);
    if (fromDirectory) declareRole(fromDirectory);
    onChange(key);
  }

  return (
    <select
      aria-label={label}
      data-testid={testId}
      value={value ?? ''}
      disabled={readOnly}
      onChange={(event) => pick(event.target.value)}
    >
      {(optional || !value) && <option value="">{t('inspector.none')}</option>}
      {unknown && <option value={value}>{value}</option>}
      <optgroup label={t('inspector.roles.template')}>
        {definition.roles.map((role) => (
          <option key={role.key} value={role.key}>
            {text(role.name)} ({role.key})
          </option>
        ))}
      </optgroup>
      {available.length > 0 && (
        <optgroup label={t('inspector.roles.directory')}>
          {available.map((role) => (
            <option key={role.key} value={role.key}>
              {text(role.name)} ({role.key}, {t(`level.${role.level}`)})
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
