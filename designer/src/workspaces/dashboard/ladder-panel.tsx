import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { LadderResponse, Rate } from '../../../../server/http/routes/kpi-schemas';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { downloadCsv } from './download-csv';
import { EChart } from './echart';
import { ladderText, type LadderWord } from './ladder-text';
import { monthRange, toCsv } from './rankings';

/** `1/4 (25%)`: the exact fraction and its percentage, as the other panels show rates. */
function rateText(rate: Rate): string {
  return rate.percent === null ? '—' : `${rate.numerator}/${rate.denominator} (${rate.percent}%)`;
}

/** The per-rung rows as table cells (also the CSV's rows). */
function rungCells(figures: LadderResponse): (string | number | null)[][] {
  return figures.settled.rungs.map((row) => [
    `${row.index + 1}. ${row.rung}`,
    row.settled,
    rateText(row.share),
    row.medianHours,
  ]);
}

/**
 * 小事不出小区，大事不出社区 (issue 13 §4): for the cases under the unit in the month, the share settled on the first
 * rung and on the first two, cases settled per rung (bar chart and table, with the median time to settle), escalations
 * by cause and the attendance of each party at the meetings held — each figure's definition below, the tables as CSV.
 */
export function LadderPanel({ unit, month }: { unit: string; month: string }) {
  const { language, message } = useI18n();
  const say = (key: LadderWord, values?: Record<string, string | number>) => ladderText(language, key, values);
  const api = useApi();
  const figures = useQuery({
    queryKey: ['ladder-kpis', unit, month],
    queryFn: () => api.ladderKpis({ unit, ...monthRange(month) }),
    enabled: unit !== '',
    staleTime: 60_000,
  });
  const data = figures.data;
  const header = [say('rung'), say('settled'), say('share'), say('median')];
  const option = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: (data?.settled.rungs ?? []).map((row) => `${row.index + 1}. ${row.rung}`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: say('settled'), data: (data?.settled.rungs ?? []).map((row) => row.settled) }],
    }),
    [data, language],
  );
  return (
    <section data-testid="dashboard-ladder">
      <div className="page-head">
        <h2>{say('title', { month })}</h2>
        <button
          type="button"
          data-testid="dashboard-csv-ladder"
          disabled={!data || data.settled.total === 0}
          onClick={() =>
            data &&
            downloadCsv(
              `ladder-${unit.replaceAll('/', '_')}-${month}.csv`,
              toCsv(header, [
                ...rungCells(data),
                [say('inCompound'), null, rateText(data.settled.inCompound), null],
                [say('inCommunity'), null, rateText(data.settled.inCommunity), null],
                ...data.escalations.byCause.map((row) => [
                  `${say('escalations')}: ${say(`cause.${row.cause}`)}`,
                  row.count,
                  rateText(row.share),
                  null,
                ]),
                ...data.meetings.parties.map((row) => [
                  `${say('party')}: ${row.role}`,
                  row.present,
                  rateText(row.rate),
                  null,
                ]),
              ]),
            )
          }
        >
          CSV
        </button>
      </div>
      {figures.error && (
        <p className="error" role="alert">
          {message(figures.error.message)}
        </p>
      )}
      {data && (
        <>
          <p data-testid="dashboard-ladder-headline">
            <strong>{say('inCompound')}</strong> {rateText(data.settled.inCompound)} ·{' '}
            <strong>{say('inCommunity')}</strong> {rateText(data.settled.inCommunity)}
          </p>
          {data.settled.rungs.length > 0 && <EChart option={option} testId="dashboard-ladder-bars" height={220} />}
          <table className="dashboard-table" data-testid="dashboard-ladder-rungs">
            <thead>
              <tr>
                {header.map((heading) => (
                  <th key={heading}>{heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rungCells(data).map((cells, row) => (
                <tr key={row}>
                  {cells.map((value, index) => (
                    <td key={index}>{value ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <table className="dashboard-table" data-testid="dashboard-ladder-causes">
            <thead>
              <tr>
                <th>{say('cause')}</th>
                <th>{say('count')}</th>
                <th>{say('share')}</th>
              </tr>
            </thead>
            <tbody>
              {data.escalations.byCause.map((row) => (
                <tr key={row.cause}>
                  <td>{say(`cause.${row.cause}`)}</td>
                  <td>{row.count}</td>
                  <td>{rateText(row.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{say('meetings', { held: data.meetings.held })}</h3>
          <table className="dashboard-table" data-testid="dashboard-ladder-attendance">
            <thead>
              <tr>
                <th>{say('party')}</th>
                <th>{say('called')}</th>
                <th>{say('present')}</th>
                <th>{say('rate')}</th>
              </tr>
            </thead>
            <tbody>
              {data.meetings.parties.map((row) => (
                <tr key={row.role}>
                  <td>{row.role}</td>
                  <td>{row.called}</td>
                  <td>{row.present}</td>
                  <td>{rateText(row.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="muted dashboard-definitions" data-testid="dashboard-ladder-definitions">
            {Object.entries(data.definitions).map(([key, definition]) => (
              <li key={key}>{message(definition)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
