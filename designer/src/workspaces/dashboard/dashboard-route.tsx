import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { departmentRoleName } from '../../../../definitions/departments';
import { shanghaiDate } from '../../../../definitions/time';
import type { ThreeRatesGroup, ThreeRatesResponse } from '../../../../server/http/routes/kpi-schemas';
import { dashboardUnits } from '../../access/actor';
import { useApi } from '../../api/api-context';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { EChart } from './echart';
import { downloadCsv } from './download-csv';
import { LadderPanel } from './ladder-panel';
import { OfficePanel } from './office-panel';
import { monthRange, rank, rateNames, shiftMonth, toCsv, totals, weeksOf, type RankedRow } from './rankings';

const trendMonths = 6;

/**
 * `/dashboard` (考核看板, 双考核): the monthly 三率 of the departments — or streets — under a unit: a ranking with the
 * change against the previous month and the definition beside every figure, the three rates per group, the trend of
 * the last six months, a heat map of late report-ins per week, and the summoning street offices' own scores; every
 * table downloads as CSV. Unit, month and
 * grouping live in the address.
 */
export function Component() {
  const { t, text, message } = useI18n();
  const api = useApi();
  const { actor } = useActor();
  const units = dashboardUnits(actor);
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? units[0] ?? '';
  const month = params.get('month') ?? shanghaiDate(Date.now()).slice(0, 7);
  const groupBy = params.get('groupBy') === 'street' ? 'street' : 'department';
  const set = (key: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(key, value);
      return next;
    });

  const months = Array.from({ length: trendMonths }, (_, index) => shiftMonth(month, index - trendMonths + 1));
  const weeks = weeksOf(month);
  const monthly = useQueries({
    queries: months.map((each) => ({
      queryKey: ['three-rates', unit, each, groupBy],
      queryFn: () => api.threeRates({ unit, ...monthRange(each), groupBy }),
      enabled: unit !== '',
      staleTime: 60_000,
    })),
  });
  const weekly = useQueries({
    queries: weeks.map((week) => ({
      queryKey: ['three-rates', unit, week.from, week.to, groupBy],
      queryFn: () => api.threeRates({ unit, from: week.from, to: week.to, groupBy }),
      enabled: unit !== '',
      staleTime: 60_000,
    })),
  });
  const orgUnits = useQuery({ queryKey: ['org-units'], queryFn: () => api.orgUnits(), staleTime: 300_000 });
  const unitName = useMemo(() => {
    const names = new Map((orgUnits.data?.orgUnits ?? []).map((each) => [each.path, each.name]));
    return (path: string) => names.get(path) ?? path;
  }, [orgUnits.data]);
  const current = monthly.at(-1)?.data;
  const previous = monthly.at(-2)?.data;
  const rows = useMemo(() => (current ? rank(current, previous) : []), [current, previous]);

  const groupName = (group: ThreeRatesGroup) => {
    if (!group.departmentRole) return unitName(group.unit);
    const kind = departmentRoleName(group.departmentRole);
    return `${kind ? text(kind) : group.departmentRole}（${unitName(group.unit)}）`;
  };
  const percent = (value: number | null) => (value === null ? '—' : `${value}%`);
  const delta = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${value}`);

  const rateLabels = {
    response: t('dashboard.response'),
    resolution: t('dashboard.resolution'),
    satisfaction: t('dashboard.satisfaction'),
  };
  const header = [
    t('dashboard.rank'),
    t(groupBy === 'street' ? 'dashboard.by-street' : 'dashboard.by-department'),
    t('dashboard.assignments'),
    t('dashboard.on-time'),
    rateLabels.response,
    t('dashboard.change'),
    t('dashboard.callbacks'),
    rateLabels.resolution,
    t('dashboard.change'),
    rateLabels.satisfaction,
    t('dashboard.change'),
  ];
  const cells = (row: RankedRow) => [
    row.rank,
    groupName(row.group),
    row.group.counts.assignments,
    row.group.counts.reportedInOnTime,
    percent(row.group.rates.response.percent),
    delta(row.change.response),
    row.group.counts.callbacks,
    percent(row.group.rates.resolution.percent),
    delta(row.change.resolution),
    percent(row.group.rates.satisfaction.percent),
    delta(row.change.satisfaction),
  ];

  const barOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: rateNames.map((name) => rateLabels[name]) },
      grid: { left: 48, right: 16, bottom: 80 },
      xAxis: { type: 'category', data: rows.map((row) => groupName(row.group)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', max: 100 },
      series: rateNames.map((name) => ({
        name: rateLabels[name],
        type: 'bar',
        data: rows.map((row) => row.group.rates[name].percent),
      })),
    }),
    [rows, t],
  );
  const trend = monthly.map((query) => (query.data ? totals(query.data) : undefined));
  const trendOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: rateNames.map((name) => rateLabels[name]) },
      grid: { left: 48, right: 16 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', max: 100 },
      series: rateNames.map((name) => ({
        name: rateLabels[name],
        type: 'line',
        data: trend.map((each) => each?.[name] ?? null),
      })),
    }),
    [JSON.stringify(trend), t, month],
  );
  const weeklyAnswers = weekly.map((query) => query.data);
  const heatGroups = [
    ...new Set(weeklyAnswers.flatMap((answer) => answer?.groups.map((group) => group.key) ?? [])),
  ].sort();
  const lateIn = (answer: ThreeRatesResponse | undefined, key: string) => {
    const group = answer?.groups.find((candidate) => candidate.key === key);
    return group ? group.counts.assignments - group.counts.reportedInOnTime : 0;
  };
  const heatCells = heatGroups.flatMap((key, y) => weeks.map((_, x) => [x, y, lateIn(weeklyAnswers[x], key)]));
  const heatNames = heatGroups.map((key) => {
    const group = weeklyAnswers.flatMap((answer) => answer?.groups ?? []).find((candidate) => candidate.key === key);
    return group ? groupName(group) : key;
  });
  const heatOption = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 180, right: 16, bottom: 60 },
      xAxis: { type: 'category', data: weeks.map((week) => week.label) },
      yAxis: { type: 'category', data: heatNames },
      visualMap: {
        min: 0,
        max: Math.max(1, ...heatCells.map((cell) => cell[2] ?? 0)),
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#f1f8e9', '#c62828'] },
      },
      series: [{ type: 'heatmap', data: heatCells, label: { show: true } }],
    }),
    [JSON.stringify(heatCells), JSON.stringify(heatNames)],
  );

  if (units.length === 0) {
    return <main className="page-message muted">{t('dashboard.no-unit')}</main>;
  }
  const failed = monthly.find((query) => query.error)?.error;
  return (
    <main className="workspace dashboard-page" data-testid="dashboard-page">
      <h1>{t('dashboard.title')}</h1>
      <form className="dashboard-controls" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('dashboard.unit')}{' '}
          <select value={unit} data-testid="dashboard-unit" onChange={(event) => set('unit', event.target.value)}>
            {units.map((each) => (
              <option key={each} value={each}>
                {unitName(each)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.month')}{' '}
          <input
            type="month"
            value={month}
            data-testid="dashboard-month"
            onChange={(event) => event.target.value && set('month', event.target.value)}
          />
        </label>
        <label>
          {t('dashboard.group-by')}{' '}
          <select
            value={groupBy}
            data-testid="dashboard-group-by"
            onChange={(event) => set('groupBy', event.target.value)}
          >
            <option value="department">{t('dashboard.by-department')}</option>
            <option value="street">{t('dashboard.by-street')}</option>
          </select>
        </label>
      </form>
      {failed && (
        <p className="error" role="alert">
          {message(failed.message)}
        </p>
      )}
      <section>
        <div className="page-head">
          <h2>{t('dashboard.ranking', { month })}</h2>
          <button
            type="button"
            data-testid="dashboard-csv-ranking"
            disabled={rows.length === 0}
            onClick={() =>
              downloadCsv(
                `three-rates-${unit.replaceAll('/', '_')}-${month}-${groupBy}.csv`,
                toCsv(header, rows.map(cells)),
              )
            }
          >
            {t('dashboard.csv')}
          </button>
        </div>
        {rows.length === 0 ? (
          <p className="muted" data-testid="dashboard-empty">
            {current ? t('dashboard.empty') : t('common.loading')}
          </p>
        ) : (
          <table className="dashboard-table" data-testid="dashboard-ranking">
            <thead>
              <tr>
                {header.map((heading, index) => (
                  <th key={index}>{heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.group.key} data-testid={`ranking-${row.group.key}`}>
                  {cells(row).map((value, index) => (
                    <td key={index}>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {current && (
          <ul className="muted dashboard-definitions" data-testid="dashboard-definitions">
            {rateNames.map((name) => (
              <li key={name}>{message(current.definitions[name])}</li>
            ))}
          </ul>
        )}
      </section>
      <OfficePanel unit={unit} month={month} unitName={unitName} />
      <LadderPanel unit={unit} month={month} />
      {rows.length > 0 && (
        <section>
          <h2>{t('dashboard.rates')}</h2>
          <EChart option={barOption} testId="dashboard-bars" />
        </section>
      )}
      <section>
        <h2>{t('dashboard.trend')}</h2>
        <EChart option={trendOption} testId="dashboard-trend" />
      </section>
      <section>
        <div className="page-head">
          <h2>{t('dashboard.heatmap')}</h2>
          <button
            type="button"
            data-testid="dashboard-csv-heatmap"
            disabled={heatGroups.length === 0}
            onClick={() =>
              downloadCsv(
                `late-report-ins-${unit.replaceAll('/', '_')}-${month}.csv`,
                toCsv(
                  [
                    t(groupBy === 'street' ? 'dashboard.by-street' : 'dashboard.by-department'),
                    ...weeks.map((week) => week.label),
                  ],
                  heatGroups.map((key, y) => [
                    heatNames[y] ?? key,
                    ...weeks.map((_, x) => lateIn(weeklyAnswers[x], key)),
                  ]),
                ),
              )
            }
          >
            {t('dashboard.csv')}
          </button>
        </div>
        {heatGroups.length === 0 ? (
          <p className="muted">{t('dashboard.empty')}</p>
        ) : (
          <EChart option={heatOption} testId="dashboard-heatmap" height={Math.max(200, 40 * heatGroups.length + 100)} />
        )}
      </section>
    </main>
  );
}
