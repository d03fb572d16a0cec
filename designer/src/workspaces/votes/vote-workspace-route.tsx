import './votes.css';
import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, useParams } from 'react-router';
import { managesVotesAt } from '../../../../server/access/policy';
import { useApi } from '../../api/api-context';
import type { BoxOverview } from '../../api/ballot-calls';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatInstant } from '../../work-items/format';
import { BallotLetters } from './ballot-letters';
import { caseIdOfBox, votePath } from './box-id';
import { PaperEntry } from './paper-entry';
import { VoteConflicts } from './vote-conflicts';
import { VoteLog } from './vote-log';
import { VoteOverview } from './vote-overview';

/** The query key of a box's overview (refetched after every entry and token issue). */
export const overviewKey = (boxId: string) => ['votes', boxId, 'overview'] as const;

type Section = 'overview' | 'letters' | 'paper' | 'conflicts' | 'log';
const sections: { key: Section; label: MessageKey; manage: boolean }[] = [
  { key: 'overview', label: 'votes.nav.overview', manage: false },
  { key: 'letters', label: 'votes.nav.letters', manage: true },
  { key: 'paper', label: 'votes.nav.paper', manage: true },
  { key: 'conflicts', label: 'votes.nav.conflicts', manage: false },
  { key: 'log', label: 'votes.nav.log', manage: false },
];

/**
 * `/votes/:boxId/:section?`: the staff's side of an owners' vote (issue 12 §3) — the overview (turnout by parts and
 * area, ballots by channel, tokens, pending second entries, conflicts), the owners' letters with their one-time links
 * and QR codes (print), paper and proxy ballots with their scans, the conflicts list and the ballot log with CSV.
 * Writing sections are offered to those who run the compound's votes (server/access/policy.ts `managesVotesAt`), as
 * the API enforces; auditors read.
 */
export function Component() {
  const { boxId = '', section = 'overview' } = useParams();
  const api = useApi();
  const { actor } = useActor();
  const { t, errorText } = useI18n();
  const overview = useQuery({ queryKey: overviewKey(boxId), queryFn: () => api.voteOverview(boxId) });
  if (overview.error) {
    return (
      <main className="page-message">
        <p className="error" role="alert" data-testid="votes-error">
          {errorText(overview.error)}
        </p>
      </main>
    );
  }
  if (!overview.data) return <main className="page-message muted">{t('common.loading')}</main>;
  const data = overview.data;
  const manages = managesVotesAt(actor, data.box.compound);
  const visible = sections.filter((candidate) => manages || !candidate.manage);
  const current = visible.find((candidate) => candidate.key === section)?.key ?? 'overview';
  return (
    <main className="workspace votes-page" data-testid="votes-page">
      <div className="page-head votes-head">
        <div>
          <h1>{t('votes.title', { compound: data.box.compoundName })}</h1>
          <p className="muted">
            <Link to={`/cases/${encodeURIComponent(caseIdOfBox(boxId))}`} data-testid="votes-case-link">
              {caseIdOfBox(boxId)}
            </Link>{' '}
            · {t(data.box.state === 'open' ? 'votes.state.open' : 'votes.state.closed')}
            {data.box.windowEnd && ` · ${t('votes.window-end', { at: formatInstant(data.box.windowEnd) })}`}
          </p>
        </div>
      </div>
      <nav className="tabs votes-nav" aria-label={t('votes.nav.label')}>
        {visible.map((candidate) => (
          <NavLink
            key={candidate.key}
            to={votePath(boxId, candidate.key === 'overview' ? undefined : candidate.key)}
            end
            className={candidate.key === current ? 'active' : undefined}
            data-testid={`votes-nav-${candidate.key}`}
          >
            {t(candidate.label)}
            {candidate.key === 'conflicts' && data.conflicts > 0 && ` (${data.conflicts})`}
          </NavLink>
        ))}
      </nav>
      <SectionBody section={current} overview={data} manages={manages} />
    </main>
  );
}

function SectionBody({ section, overview, manages }: { section: Section; overview: BoxOverview; manages: boolean }) {
  switch (section) {
    case 'letters':
      return <BallotLetters overview={overview} />;
    case 'paper':
      return <PaperEntry overview={overview} />;
    case 'conflicts':
      return <VoteConflicts boxId={overview.box.boxId} />;
    case 'log':
      return <VoteLog overview={overview} />;
    default:
      return <VoteOverview overview={overview} manages={manages} />;
  }
}
