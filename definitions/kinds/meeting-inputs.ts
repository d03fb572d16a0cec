import { z } from 'zod';
import { AttachmentRef } from '../attachment-ref';
import { Identifier } from '../common';
import { Calendar } from '../duration';
import { OrgUnitPath } from '../org';
import { MeetingPosition } from './meeting-config';

/** The input of each meeting action (zod: the `act` validator parses them before the kind's checks run). */

export const MAX_ACTION_ITEMS = 20;
export const Text = (max: number, required: string) => z.string().trim().min(1, required).max(max);
export const PersonName = Text(50, '须填写姓名 / a name is required');

export const ScheduleInput = z.object({
  at: z.string().max(40),
  place: z.string().trim().max(200).optional(),
  onlineLink: z.url().max(500).optional(),
  agenda: Text(4000, '须写明议程 / an agenda is required'),
});
export const ConfirmInput = z.object({
  attendees: z.array(PersonName).max(50).default([]),
  note: z.string().trim().max(1000).optional(),
});
export const SignInInput = z.object({
  /** The party's role; the convener must name it, a party's own sign-in is for its own party. */
  party: Identifier.optional(),
  names: z.array(PersonName).min(1).max(50),
});
export const ReasonInput = z.object({ reason: Text(1000, '须说明理由 / a reason is required') });
export const MinutesInput = z.object({
  text: Text(20000, '须填写会议纪要 / the minutes are required'),
  attachments: z.array(AttachmentRef).max(20).default([]),
  resolutions: z
    .array(
      z.object({
        title: Text(500, '须写明决议事项 / name the resolution'),
        positions: z.record(z.string().max(64), MeetingPosition),
      }),
    )
    .min(1)
    .max(20),
});
export const ActionItemInput = z.object({
  description: Text(1000, '须写明行动项内容 / describe the action item'),
  role: Identifier,
  unit: OrgUnitPath.optional(),
  within: z.string().max(40).optional(),
  calendar: Calendar.optional(),
});
export const ResolveInput = z.object({
  outcome: z.string().min(1).max(64),
  reason: z.string().trim().max(2000).optional(),
  actionItems: z.array(ActionItemInput).max(MAX_ACTION_ITEMS).default([]),
});
export const DoneInput = z.object({
  note: Text(2000, '须写明完成情况 / say what was done'),
  attachments: z.array(AttachmentRef).max(20).default([]),
});
