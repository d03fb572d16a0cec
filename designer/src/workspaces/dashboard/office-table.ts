import type { OfficeScore, RulingTime } from '../../../../server/http/routes/kpi-schemas';

/**
 * The summoning offices' table (双考核, the office's side), pure so the page and its CSV share one definition: each
 * column's heading key and its value for an office.
 */

export type OfficeColumnKey =
  | 'dashboard.office'
  | 'dashboard.whistles'
  | 'dashboard.without-upheld'
  | 'dashboard.without-upheld-rate'
  | 'dashboard.objection-rulings'
  | 'dashboard.objection-median'
  | 'dashboard.extension-rulings'
  | 'dashboard.extension-median'
  | 'dashboard.closed'
  | 'dashboard.closed-in-time'
  | 'dashboard.closed-in-time-rate';

export const officeColumns: readonly OfficeColumnKey[] = [
  'dashboard.office',
  'dashboard.whistles',
  'dashboard.without-upheld',
  'dashboard.without-upheld-rate',
  'dashboard.objection-rulings',
  'dashboard.objection-median',
  'dashboard.extension-rulings',
  'dashboard.extension-median',
  'dashboard.closed',
  'dashboard.closed-in-time',
  'dashboard.closed-in-time-rate',
];

const percent = (value: number | null) => (value === null ? '—' : `${value}%`);

/**
 * How cells read: the street by its name from the directory ("溪谷街道"), a median ruling time under an hour in minutes
 * ("20 分钟"), else in hours ("2.25 小时").
 */
export interface OfficeCellFormat {
  unitName: (path: string) => string;
  minutes: (value: number) => string;
  hours: (value: number) => string;
}

/** One office's cells in {@link officeColumns} order; medians read in minutes below an hour, else in hours. */
export function officeCells(office: OfficeScore, format: OfficeCellFormat): (string | number)[] {
  const median = (time: RulingTime) =>
    time.medianMinutes === null || time.medianHours === null
      ? '—'
      : time.medianMinutes < 60
        ? format.minutes(time.medianMinutes)
        : format.hours(time.medianHours);
  return [
    format.unitName(office.street),
    office.counts.whistles,
    office.counts.withoutUpheldObjection,
    percent(office.rates.withoutUpheldObjection.percent),
    office.rulingTimes.objection.rulings,
    median(office.rulingTimes.objection),
    office.rulingTimes.extension.rulings,
    median(office.rulingTimes.extension),
    office.counts.closed,
    office.counts.closedWithinDeadline,
    percent(office.rates.closedWithinDeadline.percent),
  ];
}
