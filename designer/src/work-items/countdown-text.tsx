import { countdown, type CountdownCalendar } from '../clock/countdown';
import { useHolidayCalendar } from '../clock/use-holiday-calendar';
import { useNow } from '../clock/use-now';
import { useI18n } from '../i18n/i18n';

/**
 * A live countdown to a deadline on the shared server clock: "还剩 3 小时 20 分", "还剩 2 个工作日" (working-day
 * deadlines), "还剩 2 天 5 小时（2 个工作日）" when the calendar is not known, or "已超时 1 天 2 小时".
 */
export function CountdownText({
  deadline,
  calendar = 'unknown',
  provisional,
}: {
  deadline: string | undefined;
  calendar?: CountdownCalendar;
  provisional?: boolean;
}) {
  const { t } = useI18n();
  const now = useNow();
  const holidays = useHolidayCalendar();
  if (!deadline) return <span className="countdown none">{t('countdown.none')}</span>;
  const left = countdown(now, deadline, holidays);
  let text: string;
  if (left.state === 'overdue') {
    text = left.days > 0 ? t('countdown.overdue-days', left) : t('countdown.overdue-hours', left);
  } else if (left.state === 'hours') {
    text = t('countdown.hours', left);
  } else if (calendar === 'workdays') {
    text = t('countdown.workdays', left);
  } else if (calendar === 'natural') {
    text = t('countdown.days', left);
  } else {
    text = t('countdown.days-and-workdays', left);
  }
  return (
    <span className={`countdown ${left.state}`} data-testid="countdown" title={deadline}>
      {text}
      {provisional && <span className="muted"> {t('countdown.provisional')}</span>}
    </span>
  );
}
