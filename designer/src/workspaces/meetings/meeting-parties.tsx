import type { ProcessDefinition } from '../../../../definitions/schema';
import { useI18n } from '../../i18n/i18n';
import type { MeetingView, PartyView } from './meeting-view';

/** A role's name as the template declares it, in the reader's language; the key when undeclared. */
export function useRoleName(definition: ProcessDefinition | undefined) {
  const { text } = useI18n();
  return (role: string) => {
    const declared = definition?.roles.find((candidate) => candidate.key === role);
    return declared ? text(declared.name) : role;
  };
}

function confirmation(party: PartyView): 'not-called' | 'notified' | 'confirmed' | 'signed-in' {
  if (!party.item) return 'not-called';
  if (party.attendees.length > 0 || party.item.stage === 'signed-in') return 'signed-in';
  return party.confirmed || party.item.stage === 'confirmed' ? 'confirmed' : 'notified';
}

/**
 * The parties called to the session: required or not, confirmation, who signed in (and how), and each party's quorum
 * live (signed in / needed); the line above says whether the meeting may resolve.
 */
export function MeetingParties({ meeting, definition }: { meeting: MeetingView; definition?: ProcessDefinition }) {
  const { t } = useI18n();
  const roleName = useRoleName(definition);
  return (
    <section className="meeting-parties" data-testid="meeting-parties">
      {meeting.missing.length === 0 ? (
        <p className="badge ok" data-testid="meeting-quorum">
          {t('meetings.quorum.met')}
        </p>
      ) : (
        <p className="badge danger" data-testid="meeting-quorum">
          {t('meeting.missing', { parties: meeting.missing.map(roleName).join('、') })}
        </p>
      )}
      <table className="meeting-table">
        <thead>
          <tr>
            <th>{t('meeting.party')}</th>
            <th>{t('meetings.confirmation')}</th>
            <th>{t('meetings.attendees')}</th>
            <th>{t('meetings.quorum')}</th>
          </tr>
        </thead>
        <tbody>
          {meeting.parties.map((party) => (
            <tr key={party.role} data-testid={`meeting-party-${party.role}`}>
              <td>
                {roleName(party.role)}
                <span className="muted"> · {t(party.required ? 'meetings.required' : 'meetings.optional')}</span>
              </td>
              <td>{t(`meetings.confirmation.${confirmation(party)}`)}</td>
              <td>
                {party.attendees.length === 0
                  ? '—'
                  : party.attendees
                      .map((attendee) =>
                        attendee.method === 'ticked' ? `${attendee.name}（${t('meetings.ticked')}）` : attendee.name,
                      )
                      .join('、')}
              </td>
              <td>
                <span
                  className={`badge ${party.present ? 'ok' : party.required ? 'danger' : ''}`}
                  data-testid={`meeting-party-${party.role}-quorum`}
                >
                  {t('meetings.quorum.count', {
                    signed: String(party.attendees.length),
                    quorum: String(party.quorum),
                    max: String(party.maxAttendees),
                  })}
                  {' · '}
                  {t(party.present ? 'meetings.present' : 'meetings.absent')}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The minutes of the session: the text, then each resolution with every party's position (同意 / 反对 / 保留意见). */
export function MeetingMinutes({ meeting, definition }: { meeting: MeetingView; definition?: ProcessDefinition }) {
  const { t } = useI18n();
  const roleName = useRoleName(definition);
  if (!meeting.minutes) return <p className="muted">{t('meetings.minutes.none')}</p>;
  const roles = meeting.parties.map((party) => party.role);
  return (
    <div className="meeting-minutes" data-testid="meeting-minutes-view">
      <p className="minutes-text">{meeting.minutes.text}</p>
      <table className="meeting-table" data-testid="meeting-positions">
        <thead>
          <tr>
            <th>{t('meeting.resolution-title')}</th>
            {roles.map((role) => (
              <th key={role}>{roleName(role)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {meeting.minutes.resolutions.map((resolution, index) => (
            <tr key={index}>
              <td>{resolution.title}</td>
              {roles.map((role) => {
                const position = resolution.positions[role];
                return (
                  <td key={role} className={position ? `position-${position}` : 'muted'}>
                    {position ? t(`meeting.position.${position}`) : t('meetings.position.absent')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
