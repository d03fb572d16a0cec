import { useI18n } from '../i18n/i18n';
import type { WorkItemPanel, WorkItemPanelProps } from './panel-types';
import { MeetingPanel } from './meeting/meeting-panel';
import { TaskPanel } from './task-panel';
import { VotePanel } from './vote/vote-panel';
import { WhistlePanel } from './whistle/whistle-panel';

/** The work-item kinds the app has a panel for; a kind issue (whistle, vote, meeting) adds its key and panel here. */
export type WorkItemKind = 'task' | 'whistle' | 'meeting' | 'vote';

/**
 * One panel per work-item kind, checked against the kind list so a kind without its panel fails the type check. The
 * inbox, the case page and the department board all act through this registry.
 */
export const workItemPanels = {
  task: TaskPanel,
  whistle: WhistlePanel,
  meeting: MeetingPanel,
  vote: VotePanel,
} satisfies Record<WorkItemKind, WorkItemPanel>;

function isKnownKind(kind: string): kind is WorkItemKind {
  return Object.prototype.hasOwnProperty.call(workItemPanels, kind);
}

/** The panel for an item's kind, or a note that this app version cannot act on that kind. */
export function WorkItemActions(props: WorkItemPanelProps) {
  const { t } = useI18n();
  if (!isKnownKind(props.item.kind)) {
    return (
      <p className="muted" data-testid="panel-unknown-kind">
        {t('act.unknown-kind', { kind: props.item.kind })}
      </p>
    );
  }
  const Panel = workItemPanels[props.item.kind];
  return <Panel {...props} />;
}
