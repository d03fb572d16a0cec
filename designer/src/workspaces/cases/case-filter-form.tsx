import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { filtersToParams, type CaseFilterParams } from './case-filters';

const statuses = ['running', 'completed', 'cancelled'] as const;

/** One day bound of a date range (a start day, an event day), empty when not set. */
function DayFilter(props: { label: string; testId: string; value: string | undefined; onChange(day: string): void }) {
  return (
    <label>
      {props.label}
      <input
        type="date"
        data-testid={props.testId}
        value={props.value ?? ''}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}

/**
 * The filters of a case list: process, status, place (a unit and everything under it), overdue, start dates; with
 * `eventFilters` (the auditors' search) also who recorded something on the timeline and on which days.
 */
export function CaseFilterForm({
  filters,
  onChange,
  eventFilters = false,
}: {
  filters: CaseFilterParams;
  onChange(params: Record<string, string>): void;
  eventFilters?: boolean;
}) {
  const api = useApi();
  const { t, text } = useI18n();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api.listTemplates() });
  const units = useQuery({
    queryKey: ['org-units'],
    queryFn: () => api.orgUnits(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const set = (key: keyof CaseFilterParams, value: string) =>
    onChange(filtersToParams({ ...filters, [key]: value || undefined }));
  return (
    <form className="case-filters" data-testid="case-filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        {t('cases.filter.template')}
        <select
          data-testid="filter-template"
          value={filters.templateKey ?? ''}
          onChange={(event) => set('templateKey', event.target.value)}
        >
          <option value="">{t('cases.filter.any')}</option>
          {(templates.data?.templates ?? []).map((template) => (
            <option key={template.key} value={template.key}>
              {text(template.name)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.status')}
        <select
          data-testid="filter-status"
          value={filters.status ?? ''}
          onChange={(event) => set('status', event.target.value)}
        >
          <option value="">{t('cases.filter.any')}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {t(`case.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.unit')}
        <select
          data-testid="filter-unit"
          value={filters.orgUnit ?? ''}
          onChange={(event) => set('orgUnit', event.target.value)}
        >
          <option value="">{t('cases.filter.any')}</option>
          {(units.data?.orgUnits ?? []).map((unit) => (
            <option key={unit.path} value={unit.path}>
              {unit.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.overdue')}
        <select
          data-testid="filter-overdue"
          value={filters.overdue ?? ''}
          onChange={(event) => set('overdue', event.target.value)}
        >
          <option value="">{t('cases.filter.any')}</option>
          <option value="true">{t('cases.filter.overdue-yes')}</option>
          <option value="false">{t('cases.filter.overdue-no')}</option>
        </select>
      </label>
      <DayFilter
        label={t('cases.filter.from')}
        testId="filter-from"
        value={filters.from}
        onChange={(day) => set('from', day)}
      />
      <DayFilter
        label={t('cases.filter.to')}
        testId="filter-to"
        value={filters.to}
        onChange={(day) => set('to', day)}
      />
      {eventFilters && (
        <>
          <label>
            {t('cases.filter.actor')}
            <input
              type="search"
              key={filters.actor ?? ''}
              data-testid="filter-actor"
              placeholder={t('cases.filter.actor-hint')}
              defaultValue={filters.actor ?? ''}
              onBlur={(event) => set('actor', event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') set('actor', event.currentTarget.value);
              }}
            />
          </label>
          <DayFilter
            label={t('cases.filter.event-from')}
            testId="filter-event-from"
            value={filters.eventFrom}
            onChange={(day) => set('eventFrom', day)}
          />
          <DayFilter
            label={t('cases.filter.to')}
            testId="filter-event-to"
            value={filters.eventTo}
            onChange={(day) => set('eventTo', day)}
          />
        </>
      )}
      <button type="button" className="link-button" data-testid="filter-clear" onClick={() => onChange({})}>
        {t('cases.filter.clear')}
      </button>
    </form>
  );
}
