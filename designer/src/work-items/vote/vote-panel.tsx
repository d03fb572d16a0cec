import { useId, useState } from 'react';
import { Link, useInRouterContext } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { boxIdOfOrganiserItem, votePath } from '../../workspaces/votes/box-id';
import type { WorkItemPanelProps } from '../panel-types';
import { ActionForm } from '../whistle/action-form';

/** Stages in which the vote's ballot box exists: the staff's vote workspace has something to show. */
const boxStages = new Set(['voting', 'counting', 'objection']);

/**
 * A vote organiser's work item: its actions by stage and, once the ballot box is open, the way to the vote workspace
 * (tokens and letters, paper ballots, conflicts, the ballot log).
 */
export function VotePanel(props: WorkItemPanelProps) {
  const { t } = useI18n();
  const inRouter = useInRouterContext();
  const { caseId, item } = props;
  const path = votePath(boxIdOfOrganiserItem(caseId, item.id));
  return (
    <>
      <VoteActions {...props} />
      {boxStages.has(item.stage) && (
        <p data-testid="vote-workspace-link">
          {inRouter ? (
            <Link to={path}>{t('votes.open-workspace')}</Link>
          ) : (
            <a href={path}>{t('votes.open-workspace')}</a>
          )}
        </p>
      )}
    </>
  );
}

/**
 * A vote organiser's work item (业主大会表决), by stage: publish the notice; during the window extend it (a new end in
 * Beijing time and a required reason); during the 公示 record an objection. Between these the item only waits (the
 * notice period, opening and counting the box). Owners cast on their own page (/ballot/:token).
 */
function VoteActions({ caseId, item, viaWorkItems, onDone }: WorkItemPanelProps) {
  const { t } = useI18n();
  const untilId = useId();
  const [until, setUntil] = useState('');
  const common = { caseId, itemId: item.id, viaWorkItems, ...(onDone && { onDone }) };
  if (item.actions.includes('publish-notice')) {
    return (
      <ActionForm
        {...common}
        field={{ name: 'text', label: t('vote.panel.notice-text'), required: true }}
        choices={[
          { action: 'publish-notice', label: t('vote.publish-notice'), testId: 'vote-publish-notice', primary: true },
        ]}
      />
    );
  }
  if (item.actions.includes('extend-window')) {
    return (
      <div data-testid="vote-voting">
        <div className="field">
          <label htmlFor={untilId}>{t('vote.panel.until')}</label>
          <input
            id={untilId}
            type="datetime-local"
            value={until}
            data-testid="vote-extend-until"
            onChange={(event) => setUntil(event.target.value)}
          />
        </div>
        <ActionForm
          {...common}
          field={{ name: 'reason', label: t('vote.panel.reason'), required: true }}
          choices={[
            {
              action: 'extend-window',
              label: t('vote.panel.extend'),
              input: { until: until === '' ? '' : `${until}:00+08:00` },
              testId: 'vote-extend-window',
            },
          ]}
        />
      </div>
    );
  }
  if (item.actions.includes('record-objection')) {
    return (
      <ActionForm
        {...common}
        field={{ name: 'note', label: t('vote.panel.objection-note'), required: true }}
        choices={[{ action: 'record-objection', label: t('vote.record-objection'), testId: 'vote-record-objection' }]}
      />
    );
  }
  return (
    <p className="muted" data-testid="vote-waiting">
      {t('vote.panel.waiting')}
    </p>
  );
}
