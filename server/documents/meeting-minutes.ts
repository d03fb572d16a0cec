import { createHash } from 'node:crypto';
import { canonicalJson } from '../../definitions/canonical-json';
import type { TimelineEntry } from '../../definitions/engine/state';
import type { WorkItemView } from '../../definitions/engine/work-items';
import { MeetingNode, MeetingPosition, meetingPositionNames } from '../../definitions/kinds/meeting-config';
import { roleName } from '../../definitions/kinds/meeting-session';
import type { ProcessDefinition } from '../../definitions/schema';
import { chineseDateTime } from './figures';
import { fields, heading, paragraph, renderPdf, table, title, type Pdf } from './pdf';

/**
 * 会议纪要 and 签到表 of one meeting node instance (issue 13 §1), read from what the case recorded: the schedule,
 * sign-ins, adjournments, the minutes with each party's positions, the resolution and its action items. The content
 * is hashed (SHA-256 of its canonical JSON) and printed, beside the timeline's own chain hash of the minutes entry.
 */

export interface MinutesAttendee {
  name: string;
  at: string;
  /** `ticked` by the convener, or `self` (the party's own login). */
  method: string;
}

export interface MinutesParty {
  role: string;
  name: string;
  required: boolean;
  quorum: number;
  attendees: MinutesAttendee[];
  present: boolean;
}

export interface MeetingMinutesData {
  caseId: string;
  instanceId: string;
  meetingTitle: string;
  unitName: string;
  session: number;
  at?: string;
  place?: string;
  onlineLink?: string;
  agenda?: string;
  convenerName: string;
  parties: MinutesParty[];
  adjournments: { session: number; at?: string; reason: string; missing: string[] }[];
  minutes?: {
    text: string;
    recordedAt: string;
    recordedBy: string;
    attachments: { filename: string; sha256: string }[];
    resolutions: { title: string; positions: { party: string; position: string }[] }[];
    /** The minutes' entry on the case's hash-chained timeline. */
    timelineSeq: number;
  };
  resolution?: { outcome: string; label: string; reason?: string; at: string; by: string };
  actionItems: { id: string; description: string; owner: string; unit: string; deadline?: string; status: string }[];
}

/** The meeting's entries: those on its work items (`<instance>~…`). */
const ofInstance = (timeline: readonly TimelineEntry[], instanceId: string) =>
  timeline.filter((entry) => entry.workItemId?.startsWith(`${instanceId}~`));

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The meeting node of an instance id (`<node>.<visit>`), or undefined. */
export function meetingNodeOf(definition: ProcessDefinition, instanceId: string): MeetingNode | undefined {
  const nodeId = instanceId.replace(/\.\d+$/, '');
  const parsed = MeetingNode.safeParse(definition.nodes.find((node) => node.id === nodeId));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The minutes of `instanceId` as the case recorded them, for its latest session; undefined when the case has no
 * such meeting or it was never scheduled.
 */
export function meetingMinutesData(input: {
  caseId: string;
  instanceId: string;
  unitName: string;
  definition: ProcessDefinition;
  timeline: readonly TimelineEntry[];
  workItems: readonly WorkItemView[];
}): MeetingMinutesData | undefined {
  const node = meetingNodeOf(input.definition, input.instanceId);
  if (!node) return undefined;
  const entries = ofInstance(input.timeline, input.instanceId);
  const scheduled = entries.findLast((entry) => entry.type === 'meeting.scheduled');
  if (!scheduled) return undefined;
  const schedule = record(scheduled.data);
  const session = typeof schedule.session === 'number' ? schedule.session : 1;
  const inSession = (entry: TimelineEntry) => record(entry.data).session === session;
  const nameOf = (role: string) => roleName(input.definition.roles, role).zh;

  const signIns = entries.filter((entry) => entry.type === 'meeting.signed-in' && inSession(entry));
  const parties = node.config.parties.map((party): MinutesParty => {
    const attendees = signIns
      .filter((entry) => record(entry.data).party === party.role)
      .flatMap((entry) => {
        const names = record(entry.data).names;
        return (Array.isArray(names) ? names : []).map((name) => ({
          name: String(name),
          at: entry.at,
          method: text(record(entry.data).method) ?? '',
        }));
      });
    return {
      role: party.role,
      name: nameOf(party.role),
      required: party.required,
      quorum: party.quorum,
      attendees,
      present: attendees.length >= party.quorum,
    };
  });

  const adjournments = entries
    .filter((entry) => entry.type === 'meeting.adjourned')
    .map((entry) => {
      const data = record(entry.data);
      return {
        session: typeof data.session === 'number' ? data.session : 0,
        ...(text(data.at) !== undefined && { at: text(data.at)! }),
        reason: entry.note ?? '',
        missing: (Array.isArray(data.missing) ? data.missing : []).map((role) => nameOf(String(role))),
      };
    });

  const minutesEntry = entries.findLast((entry) => entry.type === 'meeting.minutes-recorded' && inSession(entry));
  const minutesData = record(minutesEntry?.data);
  const resolutions = (Array.isArray(minutesData.resolutions) ? minutesData.resolutions : []).map((raw) => {
    const resolution = record(raw);
    return {
      title: text(resolution.title) ?? '',
      positions: Object.entries(record(resolution.positions)).map(([role, position]) => {
        const parsed = MeetingPosition.safeParse(position);
        return {
          party: nameOf(role),
          position: parsed.success ? meetingPositionNames[parsed.data].zh : String(position),
        };
      }),
    };
  });
  const attachments = (Array.isArray(minutesData.attachments) ? minutesData.attachments : []).map((raw) => ({
    filename: text(record(raw).filename) ?? '',
    sha256: text(record(raw).sha256) ?? '',
  }));

  const resolved = entries.findLast((entry) => entry.type === 'meeting.resolved' && inSession(entry));
  const outcome = resolved?.outcome;
  const label = node.config.resolutions.find((candidate) => candidate.key === outcome)?.label.zh ?? outcome ?? '';

  const actionItems = input.workItems
    .filter((item) => item.id.startsWith(`${input.instanceId}~action-`))
    .map((item) => ({
      id: item.id,
      description: text(item.payload.description) ?? '',
      owner: nameOf(item.assigneeRole),
      unit: item.assigneeUnit,
      ...(item.deadline !== undefined && { deadline: item.deadline }),
      status:
        item.status === 'open'
          ? item.overdue
            ? '逾期'
            : '进行中'
          : item.outcome === 'done'
            ? '已完成'
            : item.outcome === 'overdue'
              ? '逾期未完成（已上报）'
              : (item.outcome ?? item.status),
    }));

  return {
    caseId: input.caseId,
    instanceId: input.instanceId,
    meetingTitle: node.title.zh,
    unitName: input.unitName,
    session,
    ...(text(schedule.at) !== undefined && { at: text(schedule.at)! }),
    ...(text(schedule.place) !== undefined && { place: text(schedule.place)! }),
    ...(text(schedule.onlineLink) !== undefined && { onlineLink: text(schedule.onlineLink)! }),
    ...(text(schedule.agenda) !== undefined && { agenda: text(schedule.agenda)! }),
    convenerName: nameOf(node.config.convener),
    parties,
    adjournments,
    ...(minutesEntry && {
      minutes: {
        text: minutesEntry.note ?? '',
        recordedAt: minutesEntry.at,
        recordedBy: minutesEntry.actor,
        attachments,
        resolutions,
        timelineSeq: minutesEntry.seq,
      },
    }),
    ...(resolved && {
      resolution: {
        outcome: outcome ?? '',
        label,
        ...(resolved.note !== undefined && { reason: resolved.note }),
        at: resolved.at,
        by: resolved.actor,
      },
    }),
    actionItems,
  };
}

/** SHA-256 hex of the minutes' canonical JSON: what the PDF prints, independent of the PDF's bytes and print time. */
export function minutesContentHash(data: MeetingMinutesData): string {
  return createHash('sha256')
    .update(canonicalJson({ format: 'gongzhi.meeting-minutes.v1', ...data }))
    .digest('hex');
}

/** What the timeline holds about the minutes' entry: its chain hash (`sha256(prev_hash + canonical entry)`). */
export interface MinutesChainLink {
  seq: number;
  hash: string;
}

export function meetingMinutesPdf(
  data: MeetingMinutesData,
  options: { printedAt: string; chain?: MinutesChainLink },
): Promise<Buffer> {
  return renderPdf(
    { title: `${data.meetingTitle}会议纪要`, subject: data.caseId, createdAt: new Date(options.printedAt) },
    (doc) => drawMinutes(doc, data, options),
  );
}

const methodNames: Record<string, string> = { ticked: '召集人代签', self: '本人签到', qr: '扫码签到' };

function drawMinutes(doc: Pdf, data: MeetingMinutesData, options: { printedAt: string; chain?: MinutesChainLink }) {
  title(doc, `${data.meetingTitle}会议纪要`);
  fields(doc, [
    ['单位', data.unitName],
    ['会议时间', data.at ? chineseDateTime(data.at) : '—'],
    ['会议地点', data.place ?? data.onlineLink ?? '—'],
    ['召集人', data.convenerName],
    [
      '会次',
      `第 ${data.session} 次${data.adjournments.length > 0 ? `（此前休会 ${data.adjournments.length} 次）` : ''}`,
    ],
    ['议程', data.agenda ?? '—'],
  ]);

  heading(doc, '一、参会方与签到（签到表）');
  table(
    doc,
    [
      { header: '参会方', share: 0.2 },
      { header: '必到', share: 0.08, align: 'center' },
      { header: '签到/法定人数', share: 0.12, align: 'center' },
      { header: '签到人员（时间，方式）', share: 0.45 },
      { header: '是否到会', share: 0.15, align: 'center' },
    ],
    data.parties.map((party) => [
      party.name,
      party.required ? '是' : '否',
      `${party.attendees.length} 人（法定 ${party.quorum} 人）`,
      party.attendees.length === 0
        ? '—'
        : party.attendees
            .map(
              (person) =>
                `${person.name}（${chineseDateTime(person.at)}，${methodNames[person.method] ?? person.method}）`,
            )
            .join('\n'),
      party.present ? '到会' : party.required ? '未到（必到方）' : '未到',
    ]),
  );
  for (const adjourned of data.adjournments)
    paragraph(
      doc,
      `第 ${adjourned.session} 次会议${adjourned.at ? `（${chineseDateTime(adjourned.at)}）` : ''}休会：${adjourned.reason}${adjourned.missing.length > 0 ? `；未到必到方：${adjourned.missing.join('、')}` : ''}`,
      { size: 10 },
    );

  heading(doc, '二、会议纪要');
  if (!data.minutes) paragraph(doc, '（尚未记录会议纪要）');
  else {
    paragraph(doc, data.minutes.text);
    paragraph(doc, `记录人：${data.minutes.recordedBy}\u3000记录时间：${chineseDateTime(data.minutes.recordedAt)}`, {
      size: 10,
    });
    for (const attachment of data.minutes.attachments)
      paragraph(doc, `附件：${attachment.filename}（SHA-256 ${attachment.sha256}）`, { size: 9 });
    heading(doc, '三、各方意见');
    data.minutes.resolutions.forEach((resolution, index) => {
      paragraph(doc, `决议事项${index + 1}：${resolution.title}`);
      table(
        doc,
        [
          { header: '参会方', share: 0.5 },
          { header: '意见', share: 0.5, align: 'center' },
        ],
        resolution.positions.map((position) => [position.party, position.position]),
      );
    });
  }

  heading(doc, '四、决议');
  if (!data.resolution) paragraph(doc, '（尚未形成决议）');
  else
    paragraph(
      doc,
      `决议结果：${data.resolution.label}（${data.resolution.outcome}），${chineseDateTime(data.resolution.at)} 由 ${data.resolution.by} 记录${data.resolution.reason ? `；理由：${data.resolution.reason}` : ''}`,
    );

  heading(doc, '五、行动项');
  if (data.actionItems.length === 0) paragraph(doc, '（无）');
  else
    table(
      doc,
      [
        { header: '事项', share: 0.38 },
        { header: '责任方', share: 0.22 },
        { header: '完成期限', share: 0.22 },
        { header: '状态', share: 0.18, align: 'center' },
      ],
      data.actionItems.map((item) => [
        item.description,
        `${item.owner}\n${item.unit}`,
        item.deadline ? chineseDateTime(item.deadline) : '—',
        item.status,
      ]),
    );

  heading(doc, '六、核验');
  paragraph(doc, `本纪要内容摘要（规范 JSON 的 SHA-256）：${minutesContentHash(data)}`, { size: 9.5 });
  if (data.minutes && options.chain)
    paragraph(
      doc,
      `案件时间线第 ${options.chain.seq} 条（会议纪要记录）的链式哈希：${options.chain.hash}。该哈希由时间线对纪要条目（纪要正文、各方意见、签到名单、附件摘要）逐条链式计算，审计员可用“校验哈希链”核对；时间线本身不另存纪要文件的哈希。`,
      { size: 9.5 },
    );
  paragraph(
    doc,
    `案件：${data.caseId}\u3000会议：${data.instanceId}\u3000打印时间：${chineseDateTime(options.printedAt)}`,
    {
      size: 8,
    },
  );
}
