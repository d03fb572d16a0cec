import { departmentRoleName } from '../../../../definitions/departments';
import { kindOf } from '../../../../definitions/kinds';
import { departmentRoleOf } from '../../../../definitions/kinds/whistle-config';
import type { TimelineEntry } from '../../../../definitions/engine/state';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { isMessageKey, type I18n } from '../../i18n/i18n';
import { formatInstant, formatValue } from '../../work-items/format';
import { meetingDetails } from './meeting-timeline';
import { whistleDetails } from './whistle-timeline';

/** A node's title in the reader's language, else its id. */
export function nodeTitle(i18n: I18n, definition: ProcessDefinition | undefined, nodeId: string | undefined): string {
  if (!nodeId) return '';
  const node = definition?.nodes.find((candidate) => candidate.id === nodeId);
  return node ? i18n.text(node.title) : nodeId;
}

/** An outcome's label at a node (a task's declared outcome), else its key. */
export function outcomeLabel(
  i18n: I18n,
  definition: ProcessDefinition | undefined,
  nodeId: string | undefined,
  outcome: string | undefined,
): string {
  if (!outcome) return '';
  const node = definition?.nodes.find((candidate) => candidate.id === nodeId);
  const declared =
    node && 'outcomes' in node.config && Array.isArray(node.config.outcomes)
      ? (node.config.outcomes as { key: string; label: { zh: string; en: string } }[]).find(
          (item) => item.key === outcome,
        )
      : undefined;
  // Kinds whose outcomes are not a plain `outcomes` list (a meeting's resolutions) declare them through the registry.
  const fromKind =
    declared ??
    (node &&
      kindOf(node)
        .outcomes(node)
        .find((item) => item.key === outcome));
  return fromKind ? i18n.text(fromKind.label) : outcome;
}

/**
 * The department a whistle's work item belongs to (`<instance>~<role>[-n]`, or its supervision item), named by the
 * template's role when it declares it, else by the role key; empty for other entries.
 */
export function departmentName(
  i18n: I18n,
  definition: ProcessDefinition | undefined,
  workItemId: string | undefined,
): string {
  const role = workItemId === undefined ? undefined : departmentRoleOf(workItemId);
  if (!role) return '';
  const declared = definition?.roles.find((candidate) => candidate.key === role)?.name ?? departmentRoleName(role);
  return declared ? i18n.text(declared) : role;
}

/**
 * One timeline entry in plain language — "王建华 完成了“物业处置”：已解决" — from the catalogue's `story.<type>`
 * sentence (an entry type without one reads "<type>"), followed by the data it carried and the variables it changed.
 */
export function timelineSentence(i18n: I18n, definition: ProcessDefinition | undefined, entry: TimelineEntry): string {
  const values = {
    actor: entry.actor,
    node: nodeTitle(i18n, definition, entry.nodeId),
    to: nodeTitle(i18n, definition, entry.toNodeId),
    outcome: outcomeLabel(i18n, definition, entry.nodeId, entry.outcome),
    note: entry.note ?? '',
    type: entry.type,
    department: departmentName(i18n, definition, entry.workItemId),
    ...ladderValues(i18n, definition, entry),
  };
  const key = `story.${entry.type}`;
  return isMessageKey(key) ? i18n.t(key, values) : i18n.t('story.unknown', values);
}

/**
 * The escalation ladder's words for its entries (engine 4): the rungs by the template's names, the cause of a move up
 * and its reason, the rung's deadline.
 */
function ladderValues(
  i18n: I18n,
  definition: ProcessDefinition | undefined,
  entry: TimelineEntry,
): Record<string, string> {
  if (!entry.type.startsWith('ladder.') || typeof entry.data !== 'object' || entry.data === null) return {};
  const data = entry.data as Record<string, unknown>;
  const rungName = (id: unknown) => {
    if (typeof id !== 'string') return '';
    const rung = definition?.ladder?.rungs.find((candidate) => candidate.id === id);
    return rung ? i18n.text(rung.name) : id;
  };
  const cause = typeof data.cause === 'string' ? data.cause : 'other';
  return {
    fromRung: rungName(data.from),
    toRung: rungName(data.to),
    rung: rungName(data.rung),
    cause: isMessageKey(`ladder.cause.${cause}`) ? i18n.t(`ladder.cause.${cause}` as 'ladder.cause.other') : cause,
    reason: typeof data.reason === 'string' ? data.reason : '',
    deadline: typeof data.deadline === 'string' ? formatInstant(data.deadline) : '',
  };
}

/** Entry types whose `data` is what a person submitted (the rest carry engine bookkeeping). */
const personData = new Set(['task.completed']);

/**
 * The entry's data and variable changes, one short line each: for people the data they submitted and the variables
 * that changed; with `all` (the auditor's view) every data field.
 */
export function timelineDetails(
  i18n: I18n,
  definition: ProcessDefinition | undefined,
  entry: TimelineEntry,
  all = false,
): string[] {
  const whistle = all ? undefined : whistleDetails(i18n, definition, entry);
  if (whistle) return whistle;
  const meeting = all ? undefined : meetingDetails(i18n, definition, entry);
  if (meeting) return meeting;
  const data = all || personData.has(entry.type) ? (entry.data ?? {}) : {};
  const node = definition?.nodes.find((candidate) => candidate.id === entry.nodeId);
  const form = node?.kind === 'task' ? node.config.form : [];
  const lines = Object.entries(data).map(([key, value]) => {
    const field = form.find((candidate) => candidate.key === key);
    if (!field) return `${key}: ${formatValue(value)}`;
    const option = field.type === 'choice' ? field.options.find((choice) => choice.value === value) : undefined;
    return `${i18n.text(field.label)}: ${option ? i18n.text(option.label) : formatValue(value)}`;
  });
  for (const change of entry.changes ?? []) {
    lines.push(
      i18n.t('story.change', { variable: change.variable, from: formatValue(change.from), to: formatValue(change.to) }),
    );
  }
  return lines;
}
