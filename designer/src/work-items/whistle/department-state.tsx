import { useI18n } from '../../i18n/i18n';
import type { DepartmentRow } from './whistle-items';

/** A department's state on the whistle as a badge: red while it has not reported in or is late. */
export function DepartmentStateBadge({ row }: { row: DepartmentRow }) {
  const { t } = useI18n();
  return (
    <span
      className={`badge whistle-state state-${row.state}${row.alarming ? ' danger' : ''}`}
      data-testid={`whistle-state-${row.item.id}`}
      data-state={row.state}
    >
      {t(`whistle.stage.${row.state}`)}
    </span>
  );
}
