import { Link } from 'react-router';
import type { TimelineEntry } from '../../../../definitions/engine/state';
import { readsVotesAt } from '../../../../server/access/policy';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { votePath } from '../votes/box-id';

/** The ballot boxes a case opened (`vote.box-opened`, data.boxId `<caseId>~<vote node instance>`), oldest first. */
export function openedBoxIds(timeline: readonly TimelineEntry[]): string[] {
  const ids = timeline
    .filter((entry) => entry.type === 'vote.box-opened')
    .map((entry) => entry.data?.boxId)
    .filter((boxId): boxId is string => typeof boxId === 'string');
  return [...new Set(ids)];
}

/**
 * Links from the case page to the vote workspace of each ballot box the case opened, for whoever reads votes of the
 * case's compound (its managers and the auditors above it, as the API's `readsVotesAt`) — not only the owners'
 * committee from its work item. A box's compound is the case's org unit (vote-runtime's openBallotBox).
 */
export function VoteBoxLinks({ orgUnit, timeline }: { orgUnit: string; timeline: readonly TimelineEntry[] }) {
  const { actor } = useActor();
  const { t } = useI18n();
  const boxIds = openedBoxIds(timeline);
  if (boxIds.length === 0 || !readsVotesAt(actor, orgUnit)) return null;
  return (
    <>
      {boxIds.map((boxId) => (
        <Link key={boxId} to={votePath(boxId)} data-testid="case-vote-link">
          {t('votes.open-workspace')}
        </Link>
      ))}
    </>
  );
}
