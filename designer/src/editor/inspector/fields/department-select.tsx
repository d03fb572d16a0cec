import { useInspector } from '../inspector-context';

/**
 * Chooses several departments (by the role key their tasks are addressed to, e.g. `dept-chengguan`) for a field
 * holding a list of role keys — the hint `departments` in ui-hints.ts.
 */
export function DepartmentSelect({
  value,
  label,
  onChange,
}: {
  value: readonly string[];
  label: string;
  onChange(value: string[]): void;
}) {
  const { departments, readOnly } = useInspector();
  const chosen = new Set(value);
  return (
    <fieldset className="department-select" aria-label={label} data-testid="department-select">
      {departments.map((department) => (
        <label key={department.id} className="checkbox">
          <input
            type="checkbox"
            disabled={readOnly}
            checked={chosen.has(department.roleKey)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...value, department.roleKey]
                  : value.filter((key) => key !== department.roleKey),
              )
            }
          />
          {department.name} <span className="muted">{department.orgUnit}</span>
        </label>
      ))}
    </fieldset>
  );
}
