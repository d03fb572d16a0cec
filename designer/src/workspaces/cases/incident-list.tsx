import type { CaseIncident } from '../../api/case-schemas';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';

/** A case's incidents (activities that failed for good) with their resolution, or a note that there are none. */
export function IncidentList({ incidents }: { incidents: readonly CaseIncident[] }) {
  const { t, message } = useI18n();
  if (incidents.length === 0)
    return (
      <p className="muted" data-testid="incidents-none">
        {t('incidents.none')}
      </p>
    );
  return (
    <ul className="incidents" data-testid="incidents">
      {incidents.map((incident) => (
        <li key={incident.id} className={`incident status-${incident.status}`}>
          <strong>
            {incident.activity} · {t(`incidents.status.${incident.status}`)}
          </strong>
          <p>{message(incident.message)}</p>
          <p className="muted">
            {t('incidents.opened', { at: formatInstant(incident.openedAt), attempts: incident.attempts })}
            {incident.resolvedAt &&
              ` · ${t('incidents.resolved', { at: formatInstant(incident.resolvedAt), by: incident.resolvedBy ?? '' })}`}
          </p>
          {incident.resolution && <p>{incident.resolution}</p>}
        </li>
      ))}
    </ul>
  );
}
