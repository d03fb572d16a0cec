import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useBallotApi } from './ballot-api';
import { isApiError } from '../api/api-error';
import { useBallotI18n } from './ballot-i18n';
import { BallotFrame, BallotProblem } from './ballot-frame';
import { BallotLogTable } from './ballot-log-table';

/** Rows per page of the log on a phone. */
const pageSize = 500;

/**
 * `/ballot/:token/log`: the compound's ballot log as its owners see it (issue 12 §3 "Checking"): every counted
 * ballot's room, area, choices, channel and time, no names; once the box is closed, the digest of the ballot set that
 * the result notice prints. Paged by unit ("more").
 */
export function Component() {
  const { token = '' } = useParams();
  const api = useBallotApi();
  const { t, errorText } = useBallotI18n();
  const ballot = useQuery({ queryKey: ['ballot', token], queryFn: () => api.ballot(token) });
  const log = useInfiniteQuery({
    queryKey: ['ballot', token, 'log'],
    queryFn: ({ pageParam }) => api.ballotLogByToken(token, { after: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const error = ballot.error ?? log.error;
  if (error) {
    return (
      <BallotFrame>
        <BallotProblem text={errorText(error)} code={isApiError(error) ? error.code : undefined} />
      </BallotFrame>
    );
  }
  const pages = log.data?.pages ?? [];
  const first = pages[0];
  if (!ballot.data || !first) {
    return (
      <BallotFrame>
        <p className="muted" role="status">
          {t('ballot.loading')}
        </p>
      </BallotFrame>
    );
  }
  const rows = pages.flatMap((page) => page.ballots);
  return (
    <BallotFrame heading={ballot.data.box.compoundName}>
      <h2>{t('ballot.log.title')}</h2>
      <p data-testid="ballot-log-summary">
        {t(first.state === 'closed' ? 'ballot.log.closed' : 'ballot.log.open', { total: first.total })}
      </p>
      {first.digest && (
        <p className="ballot-digest" data-testid="ballot-log-digest">
          {t('ballot.log.digest')} <code>{first.digest}</code>
        </p>
      )}
      <BallotLogTable matters={ballot.data.box.matters} rows={rows} />
      {log.hasNextPage && (
        <button
          type="button"
          className="ballot-big-button"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
          data-testid="ballot-log-more"
        >
          {t('ballot.log.more', { shown: rows.length, total: first.total })}
        </button>
      )}
      <nav className="ballot-links">
        <Link to={`/ballot/${encodeURIComponent(token)}`}>{t('ballot.links.back')}</Link>
        <Link to={`/ballot/receipt?${new URLSearchParams({ box: ballot.data.box.boxId })}`}>
          {t('ballot.links.lookup')}
        </Link>
      </nav>
    </BallotFrame>
  );
}
