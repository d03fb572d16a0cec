import type { TimelineEntry } from '../../../../definitions/engine/state';
import { convenerItemId, type MeetingNode, MeetingPosition } from '../../../../definitions/kinds/meeting-config';
import type { ProcessDefinition } from '../../../../definitions/schema';
import type { CaseSnapshot, CaseWorkItem } from '../../api/case-schemas';

/**
 * One meeting node instance of a case as its pages show it, derived from the case (work items and timeline) and its
 * definition — nothing is stored for the page: the convener's item (stage, schedule, present / missing parties), each
 * party of the current session (its item's stage, who signed in, present against its quorum), the minutes of the
 * session with each party's position per resolution, the resolution and the action items.
 */

/** The stages a meeting page names: the convener item's, or `closed` once it is. */
export const meetingStages = ['scheduling', 'scheduled', 'minuted', 'following-up', 'closed'] as const;
export type MeetingStage = (typeof meetingStages)[number];

/** The stages of a meeting item as 我的会议 names them (a party's, or the convener's). */
export const itemStages = [
  'notified',
  'confirmed',
  'signed-in',
  'scheduling',
  'scheduled',
  'minuted',
  'following-up',
] as const;
export type ItemStage = (typeof itemStages)[number];

function oneOf<T extends string>(options: readonly T[], value: string | undefined, otherwise: T): T {
  return options.find((option) => option === value) ?? otherwise;
}

export const itemStageOf = (stage: string | undefined): ItemStage => oneOf(itemStages, stage, 'notified');

export interface PartyView {
  role: string;
  required: boolean;
  quorum: number;
  maxAttendees: number;
  /** The party's item this session: notified → confirmed → signed-in; undefined before scheduling. */
  item?: CaseWorkItem;
  confirmed: boolean;
  attendees: { name: string; method: string; by: string }[];
  present: boolean;
}

export interface ResolutionView {
  title: string;
  positions: Record<string, MeetingPosition>;
}

export interface ActionItemView {
  item: CaseWorkItem;
  description: string;
  within?: string;
  calendar?: string;
}

export interface MeetingView {
  instanceId: string;
  node: MeetingNode;
  convener: CaseWorkItem;
  session: number;
  stage: MeetingStage;
  at?: string;
  place?: string;
  onlineLink?: string;
  agenda?: string;
  parties: PartyView[];
  missing: string[];
  minutes?: { text: string; resolutions: ResolutionView[]; at: string };
  resolved?: { outcome: string; reason?: string; at: string };
  adjournments: { session: number; reason?: string; at: string }[];
  actionItems: ActionItemView[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function positionsOf(value: unknown): Record<string, MeetingPosition> {
  const positions: Record<string, MeetingPosition> = {};
  for (const [role, position] of Object.entries(record(value))) {
    const parsed = MeetingPosition.safeParse(position);
    if (parsed.success) positions[role] = parsed.data;
  }
  return positions;
}

/** The meeting instance a work item belongs to (`meeting.1~party-1-owners-committee` → `meeting.1`). */
export const instanceOfItem = (itemId: string) => itemId.split('~')[0] ?? itemId;

/** The meeting as its page shows it; undefined when the case holds no such meeting (or the definition lacks it). */
export function meetingView(
  snapshot: CaseSnapshot,
  definition: ProcessDefinition | undefined,
  instanceId: string,
): MeetingView | undefined {
  const convener = snapshot.workItems.find((item) => item.id === convenerItemId(instanceId));
  if (!convener) return undefined;
  const found = definition?.nodes.find((candidate) => candidate.id === convener.nodeId);
  if (!found || found.kind !== 'meeting') return undefined;
  const node = found;
  const { payload } = convener;
  const session = typeof payload.session === 'number' ? payload.session : 1;
  const mine = (entry: TimelineEntry) => (entry.workItemId ?? '').startsWith(`${instanceId}~`);
  const entries = snapshot.timeline.filter(mine);
  const thisSession = (entry: TimelineEntry) => entry.data?.session === session;
  const presentRoles = new Set(strings(payload.present));
  const parties: PartyView[] = node.config.parties.map((party) => {
    const item = snapshot.workItems.find(
      (candidate) => candidate.id === `${instanceId}~party-${session}-${party.role}`,
    );
    const attendees = entries
      .filter((entry) => entry.type === 'meeting.signed-in' && thisSession(entry) && entry.data?.party === party.role)
      .flatMap((entry) =>
        strings(entry.data?.names).map((name) => ({ name, method: String(entry.data?.method ?? ''), by: entry.actor })),
      );
    const signedIn = typeof item?.payload.signedIn === 'number' ? item.payload.signedIn : attendees.length;
    return {
      role: party.role,
      required: party.required,
      quorum: party.quorum,
      maxAttendees: party.maxAttendees,
      ...(item && { item }),
      confirmed: item?.payload.confirmed !== undefined,
      attendees,
      present: presentRoles.has(party.role) || Math.max(signedIn, attendees.length) >= party.quorum,
    };
  });
  const minutesEntry = entries
    .filter((entry) => entry.type === 'meeting.minutes-recorded' && thisSession(entry))
    .at(-1);
  const resolvedEntry = entries.filter((entry) => entry.type === 'meeting.resolved').at(-1);
  const view: MeetingView = {
    instanceId,
    node,
    convener,
    session,
    stage: convener.status === 'open' ? oneOf(meetingStages, convener.stage, 'closed') : 'closed',
    parties,
    missing: parties.filter((party) => party.required && !party.present).map((party) => party.role),
    adjournments: entries
      .filter((entry) => entry.type === 'meeting.adjourned')
      .map((entry) => ({
        session: typeof entry.data?.session === 'number' ? entry.data.session : 0,
        ...(entry.note !== undefined && { reason: entry.note }),
        at: entry.at,
      })),
    actionItems: snapshot.workItems
      .filter((item) => item.id.startsWith(`${instanceId}~action-`))
      .map((item) => ({
        item,
        description: String(item.payload.description ?? ''),
        ...(text(item.payload.within) && { within: text(item.payload.within) }),
        ...(text(item.payload.calendar) && { calendar: text(item.payload.calendar) }),
      })),
  };
  for (const key of ['at', 'place', 'onlineLink', 'agenda'] as const) {
    const value = text(payload[key]);
    if (value !== undefined) view[key] = value;
  }
  if (minutesEntry) {
    view.minutes = {
      text: minutesEntry.note ?? '',
      at: minutesEntry.at,
      resolutions: (Array.isArray(minutesEntry.data?.resolutions) ? minutesEntry.data.resolutions : []).map(
        (resolution) => ({
          title: String(record(resolution).title ?? ''),
          positions: positionsOf(record(resolution).positions),
        }),
      ),
    };
  }
  if (resolvedEntry?.outcome) {
    view.resolved = {
      outcome: resolvedEntry.outcome,
      ...(resolvedEntry.note !== undefined && { reason: resolvedEntry.note }),
      at: resolvedEntry.at,
    };
  }
  return view;
}
