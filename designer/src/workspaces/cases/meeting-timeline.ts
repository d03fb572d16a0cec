import type { TimelineEntry } from '../../../../definitions/engine/state';
import { MeetingPosition } from '../../../../definitions/kinds/meeting-config';
import type { ProcessDefinition } from '../../../../definitions/schema';
import type { I18n } from '../../i18n/i18n';
import { formatValue } from '../../work-items/format';

/** A party's name: the template's role name in the reader's language, else the role key. */
function partyName(i18n: I18n, definition: ProcessDefinition | undefined, role: string): string {
  const declared = definition?.roles.find((candidate) => candidate.key === role);
  return declared ? i18n.text(declared.name) : role;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * What a meeting entry carries, in plain words: when and where it was called, who signed in for which party, which
 * required parties were missing when it was adjourned, each resolution of the minutes with every party's position
 * (同意 / 反对 / 保留意见) and the files attached. Undefined for entries that are not a meeting's.
 */
export function meetingDetails(
  i18n: I18n,
  definition: ProcessDefinition | undefined,
  entry: TimelineEntry,
): string[] | undefined {
  const data = entry.data ?? {};
  const files = Array.isArray(data.attachments)
    ? data.attachments.map((file) => `${i18n.t('whistle.evidence')}: ${formatValue(file)}`)
    : [];
  switch (entry.type) {
    case 'meeting.scheduled':
      return [
        `${i18n.t('meeting.at')}: ${String(data.at ?? '')}`,
        ...(typeof data.place === 'string' ? [`${i18n.t('meeting.place')}: ${data.place}`] : []),
        ...(typeof data.onlineLink === 'string' ? [`${i18n.t('meeting.online-link')}: ${data.onlineLink}`] : []),
      ];
    case 'meeting.signed-in':
      return [`${partyName(i18n, definition, String(data.party ?? ''))}: ${strings(data.names).join('、')}`];
    case 'meeting.adjourned': {
      const missing = strings(data.missing).map((role) => partyName(i18n, definition, role));
      return missing.length > 0 ? [i18n.t('meeting.missing', { parties: missing.join('、') })] : [];
    }
    case 'meeting.minutes-recorded': {
      const resolutions = Array.isArray(data.resolutions) ? data.resolutions.map(record) : [];
      return [
        ...resolutions.map((resolution) => {
          const positions = Object.entries(record(resolution.positions)).map(([role, value]) => {
            const position = MeetingPosition.safeParse(value);
            const said = position.success ? i18n.t(`meeting.position.${position.data}`) : formatValue(value);
            return `${partyName(i18n, definition, role)} ${said}`;
          });
          return `${String(resolution.title ?? '')}: ${positions.join('，')}`;
        }),
        ...files,
      ];
    }
    case 'meeting.action-item-done':
      return files;
    default:
      return entry.type.startsWith('meeting.') ? [] : undefined;
  }
}
