import { formatShanghai } from '../../../../../definitions/time';
import type { Language } from '../../../i18n/i18n';

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A deadline instant as people read it in Asia/Shanghai: "10月12日 00:00" / "12 Oct 00:00", with the year when it
 * is not the current one.
 */
export function formatDeadline(instant: string, language: Language, nowMs: number): string {
  const epochMs = Date.parse(instant);
  if (Number.isNaN(epochMs)) return instant;
  const local = formatShanghai(epochMs); // YYYY-MM-DDTHH:mm:ss+08:00
  const [year, month, day, hour, minute] = [
    local.slice(0, 4),
    Number(local.slice(5, 7)),
    Number(local.slice(8, 10)),
    local.slice(11, 13),
    local.slice(14, 16),
  ];
  const sameYear = formatShanghai(nowMs).slice(0, 4) === year;
  if (language === 'zh') return `${sameYear ? '' : `${year}年`}${month}月${day}日 ${hour}:${minute}`;
  return `${day} ${monthsEn[month - 1]}${sameYear ? '' : ` ${year}`} ${hour}:${minute}`;
}
