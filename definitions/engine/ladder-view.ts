import { z } from 'zod';
import { LocalizedText } from '../common';
import { Calendar } from '../duration';
import type { Ladder } from '../ladder';
import { OrgLevel } from '../org';
import {
  EscalationCause,
  LadderDeadlineSet,
  LadderDescended,
  LadderEntered,
  LadderEscalated,
  LadderRungOverdue,
  LadderSettled,
} from './ladder-entries';
import type { TimelineEntry } from './state';

/** One rung as the case page draws it. */
export const LadderRungView = z.object({
  id: z.string(),
  name: LocalizedText,
  level: OrgLevel,
  nodes: z.array(z.string()),
  settleWithin: z.string(),
  calendar: Calendar,
});

/** One move or fact on the ladder, from the case's timeline (seq and at are the entry's own). */
export const LadderEventView = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['entered', 'escalated', 'descended', 'rung-overdue', 'settled']),
  /** escalated / descended: the rung left. */
  from: z.string().optional(),
  /** entered / escalated / descended: the rung reached. */
  to: z.string().optional(),
  /** rung-overdue / settled: the rung concerned. */
  rung: z.string().optional(),
  cause: EscalationCause.optional(),
  /** Who moved it (a user id, or `system`). */
  by: z.string(),
  reason: z.string().optional(),
  /** rung-overdue: the deadline that passed. */
  deadline: z.string().optional(),
});
export type LadderEventView = z.infer<typeof LadderEventView>;

/**
 * What `GET /api/cases/:id` shows of a case's ladder (`snapshot.ladder`, present when the case's definition has one):
 * the rungs lowest first, the rung the case is on (null before it reached a laddered node), the deadline for settling
 * there, the rung it was settled on, and every move with its cause and reason. Derived from the timeline alone, so a
 * live case and a closed one (read model only) read the same.
 */
export const CaseLadderView = z.object({
  rungs: z.array(LadderRungView),
  current: z.string().nullable(),
  /** When the case reached the current rung. */
  currentSince: z.string().optional(),
  /** The current rung's settle-by deadline, once known. */
  currentDeadline: z.string().optional(),
  /** Whether that deadline passed with the matter unsettled. */
  currentOverdue: z.boolean(),
  settledOn: z.string().nullable(),
  events: z.array(LadderEventView),
});
export type CaseLadderView = z.infer<typeof CaseLadderView>;

/** The ladder view of a case from its definition's ladder and its timeline (any order; read in seq order). */
export function ladderViewOf(ladder: Ladder, timeline: readonly TimelineEntry[]): CaseLadderView {
  const view: CaseLadderView = {
    rungs: ladder.rungs.map((rung) => ({
      id: rung.id,
      name: rung.name,
      level: rung.level,
      nodes: rung.nodes,
      settleWithin: rung.settleWithin,
      calendar: rung.calendar,
    })),
    current: null,
    currentOverdue: false,
    settledOn: null,
    events: [],
  };
  const moveTo = (rung: string, at: string) => {
    view.current = rung;
    view.currentSince = at;
    delete view.currentDeadline;
    view.currentOverdue = false;
  };
  for (const entry of [...timeline].sort((a, b) => a.seq - b.seq)) {
    const base = { seq: entry.seq, at: entry.at, by: entry.actor };
    switch (entry.type) {
      case 'ladder.entered': {
        const data = LadderEntered.safeParse(entry.data);
        if (!data.success) break;
        moveTo(data.data.to, entry.at);
        view.events.push({ ...base, kind: 'entered', to: data.data.to });
        break;
      }
      case 'ladder.escalated': {
        const data = LadderEscalated.safeParse(entry.data);
        if (!data.success) break;
        moveTo(data.data.to, entry.at);
        const { from, to, cause, by, reason } = data.data;
        view.events.push({ ...base, kind: 'escalated', from, to, cause, by, reason });
        break;
      }
      case 'ladder.descended': {
        const data = LadderDescended.safeParse(entry.data);
        if (!data.success) break;
        moveTo(data.data.to, entry.at);
        const { from, to, by, reason } = data.data;
        view.events.push({ ...base, kind: 'descended', from, to, by, reason });
        break;
      }
      case 'ladder.deadline-set': {
        const data = LadderDeadlineSet.safeParse(entry.data);
        if (data.success && data.data.rung === view.current && data.data.deadline !== null) {
          view.currentDeadline = data.data.deadline;
        }
        break;
      }
      case 'ladder.rung-overdue': {
        const data = LadderRungOverdue.safeParse(entry.data);
        if (!data.success) break;
        if (data.data.rung === view.current) view.currentOverdue = true;
        view.events.push({ ...base, kind: 'rung-overdue', rung: data.data.rung, deadline: data.data.deadline });
        break;
      }
      case 'ladder.settled': {
        const data = LadderSettled.safeParse(entry.data);
        if (!data.success) break;
        view.settledOn = data.data.rung;
        view.events.push({ ...base, kind: 'settled', rung: data.data.rung });
        break;
      }
    }
  }
  return view;
}
