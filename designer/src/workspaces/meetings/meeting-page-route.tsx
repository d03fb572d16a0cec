import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Actor } from '../../../../definitions/org';
import { useApi } from '../../api/api-context';
import type { CaseWorkItem } from '../../api/case-schemas';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { MinutesForm, ResolveForm, ScheduleForm, SignInForm } from '../../work-items/meeting/meeting-panel';
import type { WorkItemPanelProps } from '../../work-items/panel-types';
import { useCase, useDefinition } from '../../work-items/use-case-queries';
import { ActionForm } from '../../work-items/whistle/action-form';
import { MeetingMinutes, MeetingParties, useRoleName } from './meeting-parties';
import { type MeetingView, meetingView } from './meeting-view';
import { SignInQr } from './sign-in-qr';
import './meetings.css';
import { saveBlob } from '../../shell/save-blob';

const holds = (actor: Actor, item: CaseWorkItem) =>
  actor.memberships.some(
    (membership) => membership.role === item.assigneeRole && membership.orgUnit === item.assigneeUnit,
  );

/** 打印纪要 (PDF): the minutes and attendance list as the server prints them, downloaded with the login. */
function MinutesPdfButton({ caseId, instanceId }: { caseId: string; instanceId: string }) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const [error, setError] = useState<string>();
  async function open() {
    setError(undefined);
    try {
      const { blob, fileName } = await api.meetingMinutesPdf(caseId, instanceId);
      saveBlob(blob, fileName);
    } catch (caught) {
      setError(errorText(caught));
    }
  }
  return (
    <span>
      <button type="button" className="link-button" data-testid="meeting-minutes-pdf" onClick={() => void open()}>
        {t('meetings.minutes.pdf')}
      </button>
      {error && (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}

function Schedule({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  if (!meeting.at) return <p className="muted">{t('meetings.not-scheduled')}</p>;
  return (
    <dl className="meeting-facts" data-testid="meeting-schedule-view">
      <dt>{t('meeting.at')}</dt>
      <dd>{formatInstant(meeting.at)}</dd>
      {meeting.place && (
        <>
          <dt>{t('meeting.place')}</dt>
          <dd>{meeting.place}</dd>
        </>
      )}
      {meeting.onlineLink && (
        <>
          <dt>{t('meeting.online-link')}</dt>
          <dd>
            <a href={meeting.onlineLink} target="_blank" rel="noreferrer">
              {meeting.onlineLink}
            </a>
          </dd>
        </>
      )}
      {meeting.agenda && (
        <>
          <dt>{t('meeting.agenda')}</dt>
          <dd>{meeting.agenda}</dd>
        </>
      )}
      <dt>{t('meetings.session')}</dt>
      <dd>{t('meetings.session.number', { n: String(meeting.session) })}</dd>
    </dl>
  );
}

function ActionItems({ meeting, roleName }: { meeting: MeetingView; roleName: (role: string) => string }) {
  const { t } = useI18n();
  if (meeting.actionItems.length === 0) return <p className="muted">{t('meetings.action-items.none')}</p>;
  return (
    <table className="meeting-table" data-testid="meeting-action-items">
      <thead>
        <tr>
          <th>{t('meeting.action-item.description')}</th>
          <th>{t('meeting.action-item.owner')}</th>
          <th>{t('meetings.due')}</th>
          <th>{t('meetings.state')}</th>
        </tr>
      </thead>
      <tbody>
        {meeting.actionItems.map(({ item, description, within, calendar }) => (
          <tr key={item.id}>
            <td>{description}</td>
            <td>
              {roleName(item.assigneeRole)} · {item.assigneeUnit}
            </td>
            <td>
              {item.deadline ? formatInstant(item.deadline) : '—'}
              {within && (
                <span className="muted">
                  {' '}
                  ({within}
                  {calendar ? ` · ${t(`meetings.calendar.${calendar === 'workdays' ? 'workdays' : 'natural'}`)}` : ''})
                </span>
              )}
            </td>
            <td>
              <span className={`badge ${item.status !== 'open' ? 'ok' : item.overdue ? 'danger' : ''}`}>
                {item.status !== 'open'
                  ? t('meetings.state.done')
                  : item.overdue
                    ? t('inbox.overdue')
                    : t('meetings.state.open')}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The forms the convener acts with, by stage (the work-item panel's own forms). */
function ConvenerForms({
  meeting,
  props,
  roleName,
}: {
  meeting: MeetingView;
  props: WorkItemPanelProps;
  roleName: (role: string) => string;
}) {
  const { t } = useI18n();
  const present = meeting.parties.filter((party) => party.present).map((party) => party.role);
  if (meeting.stage === 'scheduling') {
    return (
      <section>
        <h2>{t('meeting.schedule')}</h2>
        <ScheduleForm props={props} />
      </section>
    );
  }
  if (meeting.stage !== 'scheduled' && meeting.stage !== 'minuted') return null;
  return (
    <>
      <section>
        <h2>{t('meetings.tick-in')}</h2>
        <SignInForm props={props} parties={meeting.parties.map((party) => party.role)} partyName={roleName} />
      </section>
      <section>
        <h2>{t('meeting.record-minutes')}</h2>
        <MinutesForm props={props} present={present} partyName={roleName} />
      </section>
      {meeting.stage === 'minuted' && (
        <section>
          <h2>{t('meeting.resolve')}</h2>
          <ResolveForm props={props} node={meeting.node} partyName={roleName} />
        </section>
      )}
      <section>
        <h2>{t('meeting.adjourn')}</h2>
        <ActionForm
          caseId={props.caseId}
          itemId={props.item.id}
          viaWorkItems={props.viaWorkItems}
          field={{ name: 'reason', label: t('meeting.reason'), required: true }}
          choices={[{ action: 'adjourn', label: t('meeting.adjourn'), testId: 'meeting-adjourn' }]}
        />
      </section>
    </>
  );
}

/**
 * `/cases/:caseId/meetings/:nodeInstance`: one joint meeting (联席会议) for its convener and the parties — the
 * schedule, the parties with confirmation, attendees and quorum live, the sign-in QR code (convener, while people sign
 * in) and tick-in, the minutes with each party's position per resolution, the resolution, the action items, and the
 * printable minutes. Built from the case (polled while it runs) and its definition; the convener's forms act on the
 * convener's work item.
 */
export function Component() {
  const { caseId = '', nodeInstance = '' } = useParams();
  const { t, text, errorText } = useI18n();
  const { actor } = useActor();
  const snapshot = useCase(caseId);
  const definition = useDefinition(snapshot.data?.template.key, snapshot.data?.template.version);
  const roleName = useRoleName(definition.data);
  const error = snapshot.error ?? definition.error;
  if (error) {
    return (
      <main className="page-message">
        <p className="error" role="alert" data-testid="meeting-error">
          {errorText(error)}
        </p>
      </main>
    );
  }
  if (!snapshot.data || !definition.data) return <main className="page-message muted">{t('common.loading')}</main>;
  const meeting = meetingView(snapshot.data, definition.data, nodeInstance);
  if (!meeting) {
    return (
      <main className="page-message">
        <p className="error" role="alert" data-testid="meeting-error">
          {t('meetings.not-found', { instance: nodeInstance })}
        </p>
      </main>
    );
  }
  const convening = holds(actor, meeting.convener) && meeting.convener.status === 'open';
  const signingIn = meeting.stage === 'scheduled' || meeting.stage === 'minuted';
  const outcome = meeting.node.config.resolutions.find((resolution) => resolution.key === meeting.resolved?.outcome);
  const props: WorkItemPanelProps = {
    caseId,
    item: meeting.convener,
    node: meeting.node,
    viaWorkItems: snapshot.data.actsOnWorkItems,
  };
  return (
    <main className="workspace meeting-page" data-testid="meeting-page">
      <div className="page-head">
        <div>
          <h1>{text(meeting.node.title)}</h1>
          <p className="muted">
            <Link to={`/cases/${encodeURIComponent(caseId)}`} data-testid="meeting-case-link">
              {caseId}
            </Link>{' '}
            · {text(definition.data.name)} · {t('meetings.convener', { role: roleName(meeting.node.config.convener) })}
          </p>
        </div>
        <div className="case-status">
          <span className="badge" data-testid="meeting-stage">
            {t(`meetings.stage.${meeting.stage}`)}
          </span>
          {/* the printout (minutes and attendance list) exists once the meeting has been scheduled */}
          {meeting.at !== undefined && <MinutesPdfButton caseId={caseId} instanceId={nodeInstance} />}
        </div>
      </div>
      <div className="meeting-grid">
        <div>
          <section>
            <h2>{t('meetings.schedule')}</h2>
            <Schedule meeting={meeting} />
            {meeting.adjournments.length > 0 && (
              <ul className="muted" data-testid="meeting-adjournments">
                {meeting.adjournments.map((adjournment) => (
                  <li key={adjournment.at}>
                    {t('meetings.adjourned', {
                      n: String(adjournment.session),
                      at: formatInstant(adjournment.at),
                      reason: adjournment.reason ?? '',
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h2>{t('meetings.parties')}</h2>
            <MeetingParties meeting={meeting} definition={definition.data} />
          </section>
          <section>
            <h2>{t('meeting.minutes')}</h2>
            <MeetingMinutes meeting={meeting} definition={definition.data} />
          </section>
          <section>
            <h2>{t('meetings.resolution')}</h2>
            {meeting.resolved ? (
              <p data-testid="meeting-resolution">
                <span className="badge ok">{outcome ? text(outcome.label) : meeting.resolved.outcome}</span>{' '}
                {meeting.resolved.reason}
                <span className="muted"> · {formatInstant(meeting.resolved.at)}</span>
              </p>
            ) : (
              <p className="muted">{t('meetings.resolution.none')}</p>
            )}
          </section>
          <section>
            <h2>{t('meeting.action-items')}</h2>
            <ActionItems meeting={meeting} roleName={roleName} />
          </section>
        </div>
        <aside>
          {convening && signingIn && (
            <section>
              <h2>{t('meetings.qr.title')}</h2>
              <SignInQr caseId={caseId} instanceId={nodeInstance} session={meeting.session} />
            </section>
          )}
          {convening && <ConvenerForms meeting={meeting} props={props} roleName={roleName} />}
        </aside>
      </div>
    </main>
  );
}
