import { useId, useState, type ReactNode } from 'react';
import { Link, useInRouterContext } from 'react-router';
import type { MeetingNode } from '../../../../definitions/kinds/meeting-config';
import { MeetingPosition } from '../../../../definitions/kinds/meeting-config';
import { useI18n } from '../../i18n/i18n';
import { ActRefusal } from '../act-refusal';
import { formatInstant } from '../format';
import type { WorkItemPanelProps } from '../panel-types';
import { useAct } from '../use-act';
import { ActionForm } from '../whistle/action-form';

/**
 * A meeting work item's panel (联席会议), built from plain forms over the kind's actions: the convener schedules, signs
 * people in, records the minutes with each present party's position, resolves (with action items) or adjourns; a party
 * confirms and signs its own people in; an action item's owner marks it done. The workflow's checks (notice period,
 * quorum, positions) answer in place. The meeting page (/cases/:id/meetings/:instance: QR sign-in, quorum per party,
 * positions, printable minutes) composes the same forms; every panel links to it.
 */

/** Splits "张三，李四、王五" into names. */
const namesOf = (value: string) =>
  value
    .split(/[,，、;；\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');

const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

/** One form acting on the item: its fields, one submit button, the refusal in place. */
function MeetingForm({
  props,
  action,
  label,
  input,
  testId,
  children,
}: {
  props: WorkItemPanelProps;
  action: string;
  label: string;
  input: () => Record<string, unknown>;
  testId: string;
  children?: ReactNode;
}) {
  const { t, errorText } = useI18n();
  const [refusal, setRefusal] = useState<string>();
  const act = useAct({ caseId: props.caseId, workItemId: props.item.id, viaWorkItems: props.viaWorkItems });
  async function submit() {
    setRefusal(undefined);
    try {
      await act.mutateAsync({ action, input: input() });
      props.onDone?.();
    } catch (error) {
      setRefusal(errorText(error));
    }
  }
  return (
    <form className="meeting-form" data-testid={testId} onSubmit={(event) => event.preventDefault()}>
      {children}
      <div className="outcome-buttons">
        <button
          type="button"
          className="primary"
          disabled={act.isPending}
          data-testid={`${testId}-submit`}
          onClick={() => void submit()}
        >
          {act.isPending ? t('act.sending') : label}
        </button>
      </div>
      <ActRefusal text={refusal} />
    </form>
  );
}

/** A labelled input (or textarea) bound to a string state. */
function Field({
  label,
  value,
  onChange,
  type = 'text',
  multiline = false,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  type?: string;
  multiline?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input id={id} type={type} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}

export function ScheduleForm({ props }: { props: WorkItemPanelProps }) {
  const { t } = useI18n();
  const [at, setAt] = useState('');
  const [place, setPlace] = useState('');
  const [link, setLink] = useState('');
  const [agenda, setAgenda] = useState('');
  return (
    <MeetingForm
      props={props}
      action="schedule"
      label={t('meeting.schedule')}
      testId="meeting-schedule"
      input={() => ({
        // datetime-local gives Beijing wall-clock time without a zone: the meeting is in Asia/Shanghai.
        at: at === '' ? '' : `${at}:00+08:00`,
        ...(place.trim() && { place: place.trim() }),
        ...(link.trim() && { onlineLink: link.trim() }),
        agenda,
      })}
    >
      <Field label={t('meeting.at')} type="datetime-local" value={at} onChange={setAt} />
      <Field label={t('meeting.place')} value={place} onChange={setPlace} />
      <Field label={t('meeting.online-link')} type="url" value={link} onChange={setLink} />
      <Field label={t('meeting.agenda')} value={agenda} onChange={setAgenda} multiline />
    </MeetingForm>
  );
}

export function SignInForm({
  props,
  parties,
  partyName = (role) => role,
}: {
  props: WorkItemPanelProps;
  parties?: string[];
  /** How a party is named in the choice (the template's role name on the meeting page; the key by default). */
  partyName?: (role: string) => string;
}) {
  const { t } = useI18n();
  const [party, setParty] = useState(parties?.[0] ?? '');
  const [names, setNames] = useState('');
  const id = useId();
  return (
    <MeetingForm
      props={props}
      action="sign-in"
      label={t('meeting.sign-in')}
      testId="meeting-sign-in"
      input={() => ({ ...(parties && { party }), names: namesOf(names) })}
    >
      {parties && (
        <div className="field">
          <label htmlFor={id}>{t('meeting.party')}</label>
          <select id={id} value={party} onChange={(event) => setParty(event.target.value)}>
            {parties.map((role) => (
              <option key={role} value={role}>
                {partyName(role)}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field label={t('meeting.names')} value={names} onChange={setNames} />
    </MeetingForm>
  );
}

export function MinutesForm({
  props,
  present,
  partyName = (role) => role,
}: {
  props: WorkItemPanelProps;
  present: string[];
  partyName?: (role: string) => string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [positions, setPositions] = useState<Record<string, MeetingPosition>>({});
  return (
    <MeetingForm
      props={props}
      action="record-minutes"
      label={t('meeting.record-minutes')}
      testId="meeting-minutes"
      input={() => ({ text, resolutions: [{ title, positions }] })}
    >
      <Field label={t('meeting.minutes')} value={text} onChange={setText} multiline />
      <Field label={t('meeting.resolution-title')} value={title} onChange={setTitle} />
      {present.map((role) => (
        <div className="field" key={role}>
          <label>{partyName(role)}</label>
          <select
            aria-label={role}
            value={positions[role] ?? ''}
            onChange={(event) => {
              const parsed = MeetingPosition.safeParse(event.target.value);
              if (parsed.success) setPositions({ ...positions, [role]: parsed.data });
            }}
          >
            <option value="" disabled>
              —
            </option>
            {MeetingPosition.options.map((position) => (
              <option key={position} value={position}>
                {t(`meeting.position.${position}`)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </MeetingForm>
  );
}

interface ActionItemRow {
  description: string;
  role: string;
  /** The owner's unit (empty: the role's unit in the case). */
  unit: string;
  within: string;
  /** 自然日 / 工作日 (empty: the meeting's default). */
  calendar: '' | 'natural' | 'workdays';
}

export function ResolveForm({
  props,
  node,
  partyName = (role) => role,
}: {
  props: WorkItemPanelProps;
  node: MeetingNode;
  partyName?: (role: string) => string;
}) {
  const { t, text } = useI18n();
  const [outcome, setOutcome] = useState(node.config.resolutions[0]?.key ?? '');
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<ActionItemRow[]>([]);
  const id = useId();
  const owners = node.config.parties.map((party) => party.role);
  const setRow = (index: number, change: Partial<ActionItemRow>) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  return (
    <MeetingForm
      props={props}
      action="resolve"
      label={t('meeting.resolve')}
      testId="meeting-resolve"
      input={() => ({
        outcome,
        ...(reason.trim() && { reason: reason.trim() }),
        actionItems: rows.map((row) => ({
          description: row.description,
          role: row.role,
          ...(row.unit.trim() && { unit: row.unit.trim() }),
          ...(row.within.trim() && { within: row.within.trim() }),
          ...(row.calendar && { calendar: row.calendar }),
        })),
      })}
    >
      <div className="field">
        <label htmlFor={id}>{t('meeting.outcome')}</label>
        <select id={id} value={outcome} onChange={(event) => setOutcome(event.target.value)}>
          {node.config.resolutions.map((resolution) => (
            <option key={resolution.key} value={resolution.key}>
              {text(resolution.label)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('meeting.reason')} value={reason} onChange={setReason} multiline />
      {node.config.actionItems && (
        <fieldset>
          <legend>{t('meeting.action-items')}</legend>
          {rows.map((row, index) => (
            <div className="row" key={index}>
              <Field
                label={t('meeting.action-item.description')}
                value={row.description}
                onChange={(description) => setRow(index, { description })}
              />
              <select
                aria-label={t('meeting.action-item.owner')}
                value={row.role}
                onChange={(event) => setRow(index, { role: event.target.value })}
              >
                {owners.map((role) => (
                  <option key={role} value={role}>
                    {partyName(role)}
                  </option>
                ))}
              </select>
              <Field
                label={t('meeting.action-item.unit')}
                value={row.unit}
                onChange={(unit) => setRow(index, { unit })}
              />
              <Field
                label={t('meeting.action-item.within')}
                value={row.within}
                onChange={(within) => setRow(index, { within })}
              />
              <select
                aria-label={t('meeting.action-item.calendar')}
                value={row.calendar}
                onChange={(event) =>
                  setRow(index, {
                    calendar:
                      event.target.value === 'natural' || event.target.value === 'workdays' ? event.target.value : '',
                  })
                }
              >
                <option value="">{t('meeting.action-item.calendar.default')}</option>
                <option value="natural">{t('meeting.action-item.calendar.natural')}</option>
                <option value="workdays">{t('meeting.action-item.calendar.workdays')}</option>
              </select>
            </div>
          ))}
          <button
            type="button"
            data-testid="meeting-add-action-item"
            onClick={() =>
              setRows([...rows, { description: '', role: owners[0] ?? '', unit: '', within: '', calendar: '' }])
            }
          >
            {t('meeting.action-item.add')}
          </button>
        </fieldset>
      )}
    </MeetingForm>
  );
}

function ConvenerPanel(props: WorkItemPanelProps) {
  const { t, text } = useI18n();
  const { item, node } = props;
  const meeting = node?.kind === 'meeting' ? node : undefined;
  const { payload } = item;
  const present = strings(payload.present);
  const missing = strings(payload.missing);
  if (item.stage === 'scheduling') return <ScheduleForm props={props} />;
  if (item.stage === 'following-up') {
    const outcome = meeting?.config.resolutions.find((resolution) => resolution.key === payload.outcome);
    return <p className="muted">{t('meeting.following-up', { outcome: outcome ? text(outcome.label) : '' })}</p>;
  }
  return (
    <div className="meeting-panel">
      <p>
        {t('meeting.when', {
          at: typeof payload.at === 'string' ? formatInstant(payload.at) : '',
          place: String(payload.place ?? payload.onlineLink ?? ''),
        })}
      </p>
      {present.length > 0 && <p className="badge ok">{t('meeting.present', { parties: present.join('、') })}</p>}
      {missing.length > 0 && <p className="badge danger">{t('meeting.missing', { parties: missing.join('、') })}</p>}
      {meeting && <SignInForm props={props} parties={meeting.config.parties.map((party) => party.role)} />}
      <MinutesForm props={props} present={present} />
      {item.stage === 'minuted' && meeting && <ResolveForm props={props} node={meeting} />}
      <ActionForm
        caseId={props.caseId}
        itemId={item.id}
        viaWorkItems={props.viaWorkItems}
        field={{ name: 'reason', label: t('meeting.reason'), required: true }}
        choices={[{ action: 'adjourn', label: t('meeting.adjourn'), testId: 'meeting-adjourn' }]}
        onDone={props.onDone}
      />
    </div>
  );
}

function PartyPanel(props: WorkItemPanelProps) {
  const { t } = useI18n();
  const { item } = props;
  return (
    <div className="meeting-panel">
      <p>
        {t('meeting.when', {
          at: typeof item.payload.at === 'string' ? formatInstant(item.payload.at) : '',
          place: String(item.payload.place ?? item.payload.onlineLink ?? ''),
        })}
      </p>
      {typeof item.payload.agenda === 'string' && <p className="muted">{item.payload.agenda}</p>}
      {item.actions.includes('confirm') && (
        <ActionForm
          caseId={props.caseId}
          itemId={item.id}
          viaWorkItems={props.viaWorkItems}
          choices={[{ action: 'confirm', label: t('meeting.confirm'), testId: 'meeting-confirm' }]}
          onDone={props.onDone}
        />
      )}
      <SignInForm props={props} />
    </div>
  );
}

function ActionItemPanel(props: WorkItemPanelProps) {
  const { t } = useI18n();
  return (
    <div className="meeting-panel">
      <p>{t('meeting.description', { description: String(props.item.payload.description ?? '') })}</p>
      <ActionForm
        caseId={props.caseId}
        itemId={props.item.id}
        viaWorkItems={props.viaWorkItems}
        field={{ name: 'note', label: t('meeting.done-note'), required: true }}
        choices={[
          {
            action: 'complete-action-item',
            label: t('meeting.complete-action-item'),
            testId: 'meeting-action-done',
            primary: true,
          },
        ]}
        onDone={props.onDone}
      />
    </div>
  );
}

/** Links to the meeting's page and to the person's meetings (plain links outside a router, e.g. in panel tests). */
function MeetingLinks({ caseId, itemId }: { caseId: string; itemId: string }) {
  const { t } = useI18n();
  const routed = useInRouterContext();
  const page = `/cases/${encodeURIComponent(caseId)}/meetings/${encodeURIComponent(itemId.split('~')[0] ?? itemId)}`;
  const links = [
    { to: page, label: t('meeting.open-page'), testId: 'meeting-page-link' },
    { to: '/meetings', label: t('meetings.mine'), testId: 'my-meetings-link' },
  ];
  return (
    <p className="meeting-links">
      {links.map((link) =>
        routed ? (
          <Link key={link.to} to={link.to} data-testid={link.testId}>
            {link.label}
          </Link>
        ) : (
          <a key={link.to} href={link.to} data-testid={link.testId}>
            {link.label}
          </a>
        ),
      )}
    </p>
  );
}

/** A meeting work item's panel, by its part: the convener's, a party's, or an action item's. */
export function MeetingPanel(props: WorkItemPanelProps) {
  const part = props.item.payload.part;
  return (
    <div data-testid={`panel-${props.item.id}`}>
      <MeetingLinks caseId={props.caseId} itemId={props.item.id} />
      {part === 'convener' && <ConvenerPanel {...props} />}
      {part === 'party' && <PartyPanel {...props} />}
      {part === 'action-item' && <ActionItemPanel {...props} />}
    </div>
  );
}
