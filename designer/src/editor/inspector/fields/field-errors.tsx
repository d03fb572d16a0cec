import { useI18n } from '../../../i18n/i18n';
import { pathKey, useInspector } from '../inspector-context';

/** The problems of one field, right under it (shape errors of an unsaved edit, validator issues). */
export function FieldErrors({ path }: { path: readonly (string | number)[] }) {
  const { message } = useI18n();
  const problems = useInspector().errors.get(pathKey(path));
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="field-errors" role="alert" data-testid={`field-error-${pathKey(path)}`}>
      {problems.map((problem) => (
        <li key={problem}>{message(problem)}</li>
      ))}
    </ul>
  );
}
