import type { z } from 'zod';
import * as schemas from '../../../server/votes/ballot-api-schemas';
import type { CallPort } from './case-calls';

/** What a paper-ballot entry answers: counted (201), or held for a second entry by another staff member (202). */
const PaperBallotAnswer = schemas.PaperBallotCounted.or(schemas.PaperBallotPending);

/** A choice per matter key. */
export type BallotChoices = schemas.Choices;
/** A paper or proxy ballot as staff enter it (`channel` defaults to paper). */
export type PaperBallotInput = z.input<typeof schemas.PaperBallotBody>;
export type BallotView = schemas.BallotView;
export type BallotLogPage = schemas.BallotLogPage;
export type LogRow = schemas.LogRow;
export type UnitView = schemas.UnitView;
export type ReceiptView = schemas.ReceiptView;
export type BoxOverview = schemas.BoxOverview;
export type IssueTokensResponse = schemas.IssueTokensResponse;
export type ConflictsResponse = z.infer<typeof schemas.ConflictsResponse>;
export type EntriesResponse = z.infer<typeof schemas.EntriesResponse>;
export type PaperBallotAnswer = z.infer<typeof PaperBallotAnswer>;
/** A page of the ballot log: after the unit `after`, at most `limit` rows. */
export interface LogPaging {
  after?: string;
  limit?: number;
}

const ballotPath = (token: string) => `/api/ballot/${encodeURIComponent(token)}`;
const votePath = (boxId: string) => `/api/votes/${encodeURIComponent(boxId)}`;

function pageQuery(page: LogPaging): string {
  const params = new URLSearchParams();
  if (page.after) params.set('after', page.after);
  if (page.limit) params.set('limit', String(page.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The owners' vote calls (issue 12 §3), parsed with the server's own schemas (server/votes/ballot-api-schemas.ts):
 * the public ballot page's, by the owner's one-time token and without an account, and the staff vote workspace's
 * (overview, tokens, paper and proxy ballots, second entries, conflicts, the ballot log).
 */
export function ballotCalls({ call, download }: Pick<CallPort, 'call' | 'download'>) {
  return {
    /** The printable vote documents (PDF, CJK fonts): the notice, paper ballots, and the result once closed. */
    voteDocumentPdf: (boxId: string, document: 'notice' | 'paper-ballots' | 'result') =>
      download(`${votePath(boxId)}/documents/${document}.pdf`),
    ballot: (token: string) => call(schemas.BallotView, 'GET', ballotPath(token)),
    castBallot: (token: string, choices: BallotChoices) =>
      call(schemas.CastResponse, 'POST', ballotPath(token), { choices }),
    ballotLogByToken: (token: string, page: LogPaging = {}) =>
      call(schemas.BallotLogPage, 'GET', `${ballotPath(token)}/log${pageQuery(page)}`),
    receipt: (code: string, boxId: string) =>
      call(
        schemas.ReceiptView,
        'GET',
        `/api/ballot-receipts/${encodeURIComponent(code)}?${new URLSearchParams({ box: boxId })}`,
      ),
    voteOverview: (boxId: string) => call(schemas.BoxOverview, 'GET', votePath(boxId)),
    voteSettings: (boxId: string, settings: { requireSecondEntry: boolean }) =>
      call(schemas.BoxSettings, 'PUT', `${votePath(boxId)}/settings`, settings),
    issueBallotTokens: (boxId: string, body: schemas.IssueTokensBody = {}) =>
      call(schemas.IssueTokensResponse, 'POST', `${votePath(boxId)}/tokens`, body),
    enterPaperBallot: (boxId: string, body: PaperBallotInput) =>
      call(PaperBallotAnswer, 'POST', `${votePath(boxId)}/paper-ballots`, body),
    voteEntries: (boxId: string) => call(schemas.EntriesResponse, 'GET', `${votePath(boxId)}/entries`),
    voteConflicts: (boxId: string) => call(schemas.ConflictsResponse, 'GET', `${votePath(boxId)}/conflicts`),
    voteLog: (boxId: string, page: LogPaging = {}) =>
      call(schemas.BallotLogPage, 'GET', `${votePath(boxId)}/log${pageQuery(page)}`),
  };
}
