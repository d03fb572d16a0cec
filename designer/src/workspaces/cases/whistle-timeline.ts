import type { TimelineEntry } from '../../../../definitions/engine/state';
import type { ProcessDefinition } from '../../../../definitions/schema';
import type { I18n } from '../../i18n/i18n';
import { formatValue } from '../../work-items/format';
import { departmentName } from './timeline-text';

const satisfactions = new Set(['satisfied', 'basically-satisfied', 'dissatisfied']);

function satisfaction(i18n: I18n, value: unknown): string {
  return typeof value === 'string' && satisfactions.has(value)
    ? i18n.t(`whistle.satisfaction.${value as 'satisfied' | 'basically-satisfied' | 'dissatisfied'}`)
    : formatValue(value);
}

/**
 * What a person submitted on a whistle entry, in plain words: a report's files, the office's result and ratings of
 * each department, the resident's three callback answers. Undefined for entries that carry only bookkeeping.
 */
export function whistleDetails(
  i18n: I18n,
  definition: ProcessDefinition | undefined,
  entry: TimelineEntry,
): string[] | undefined {
  const data = entry.data ?? {};
  const yes = (value: unknown) => i18n.t(value === true ? 'whistle.yes' : 'whistle.no');
  switch (entry.type) {
    case 'whistle.reported-back':
    case 'whistle.interim-reported':
      return [
        ...(typeof data.delayReason === 'string' ? [i18n.t('whistle.delay', { reason: data.delayReason })] : []),
        ...(Array.isArray(data.attachments)
          ? data.attachments.map((file) => `${i18n.t('whistle.evidence')}: ${formatValue(file)}`)
          : []),
      ];
    case 'whistle.reports-moved': {
      const items = Array.isArray(data.items) ? data.items.filter((item) => typeof item === 'string') : [];
      const to = typeof data.to === 'string' ? data.to : 'office';
      return [
        i18n.t('whistle.reports-moved.to', {
          to: to === 'office' ? i18n.t('whistle.reviewer.office') : departmentName(i18n, definition, to),
        }),
        i18n.t('whistle.reports-moved.items', {
          items: items.map((item) => departmentName(i18n, definition, item)).join('、'),
        }),
      ];
    }
    case 'whistle.closed': {
      const result = data.result === 'not-settled' ? 'not-settled' : 'settled';
      const ratings = typeof data.ratings === 'object' && data.ratings !== null ? Object.entries(data.ratings) : [];
      return [
        `${i18n.t('whistle.result')}: ${i18n.t(`whistle.result.${result}`)}`,
        ...ratings.map(
          ([itemId, rating]) => `${departmentName(i18n, definition, itemId)}: ${satisfaction(i18n, rating)}`,
        ),
      ];
    }
    case 'whistle.callback-recorded':
      return [
        `${i18n.t('whistle.callback.contacted')}: ${yes(data.contactedInTime)}`,
        `${i18n.t('whistle.callback.resolved')}: ${yes(data.resolved)}`,
        `${i18n.t('whistle.callback.satisfaction')}: ${satisfaction(i18n, data.satisfaction)}`,
      ];
    default:
      return undefined;
  }
}
