import {
  BallotLogPage,
  BoxOverview,
  BoxParams,
  BoxSettings,
  CompoundParams,
  ConflictsResponse,
  EntriesResponse,
  ImportResponse,
  IssueTokensBody,
  IssueTokensResponse,
  LogQuery,
  PaperBallotBody,
  PaperBallotCounted,
  PaperBallotPending,
  UnitEditBody,
  UnitEditResponse,
  UnitParams,
} from '../../votes/ballot-api-schemas';
import type { ApiOperation } from '../api-operation';

const boxExample = { parameters: { boxId: 'case-20260301-0a1b2c3d4e~vote.1' } };
const compoundExample = { compound: 'jian/jizhou/xigu/jisheng-sq/jisheng' };
const unknownBox = { 404: ['ballot.unknown-box'] };
const forbidden = { 403: ['vote.forbidden'] };

/** The staff operations of an owners' vote (server/http/routes/votes.ts), documented from the same schemas. */
export const voteOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/votes/:boxId',
    tag: 'votes',
    summary:
      '投票箱概况：事项、状态、各方式票数、已投/总数、待复核录入 / box overview: matters, state, counts by channel, voted/total, pending entries',
    params: BoxParams,
    examples: boxExample,
    responses: { 200: { description: 'the overview', body: BoxOverview } },
    errors: unknownBox,
  },
  {
    method: 'put',
    path: '/api/votes/:boxId/settings',
    tag: 'votes',
    summary: '投票箱设置：书面票须双人录入 / box settings: paper ballots need a second entry',
    params: BoxParams,
    body: BoxSettings,
    examples: { ...boxExample, body: { requireSecondEntry: true } },
    responses: { 200: { description: 'the settings', body: BoxSettings } },
    errors: { ...unknownBox, ...forbidden },
  },
  {
    method: 'post',
    path: '/api/votes/:boxId/tokens',
    tag: 'votes',
    summary:
      '发放一次性投票码（每个业主一码；指定专有部分则重新发放，旧码失效），投票码仅此一次显示 / issue one-time ballot tokens (one per owner set; named parts are re-issued), shown once',
    params: BoxParams,
    body: IssueTokensBody,
    examples: { ...boxExample, body: {} },
    responses: { 201: { description: 'the tokens and their links', body: IssueTokensResponse } },
    errors: { ...unknownBox, ...forbidden, 409: ['ballot.box-closed'], 422: ['ballot.unknown-unit'] },
  },
  {
    method: 'get',
    path: '/api/votes/:boxId/log',
    tag: 'votes',
    summary: '表决记录（无姓名；截止后附选票摘要） / the ballot log, no names; digest once closed',
    params: BoxParams,
    query: LogQuery,
    examples: boxExample,
    responses: { 200: { description: 'a page of the log', body: BallotLogPage } },
    errors: unknownBox,
  },
  {
    method: 'post',
    path: '/api/votes/:boxId/paper-ballots',
    tag: 'votes',
    summary:
      '录入书面或委托投票（附扫描件；委托须附委托书；可要求另一人复核录入） / enter a paper or proxy ballot with its scan (proxy: the authorisation too); optional second entry',
    params: BoxParams,
    body: PaperBallotBody,
    headers: {
      'Idempotency-Key':
        '可选；重试同一录入时带同一个键，只录入一次并得到第一次的应答 / optional; a retry with the same key enters once and answers the first response',
    },
    examples: {
      ...boxExample,
      body: {
        unit: '1-1',
        choices: { dismiss: 'agree' },
        scan: { sha256: 'a'.repeat(64), filename: 'ballot-1-1.pdf', size: 1024, contentType: 'application/pdf' },
      },
    },
    responses: {
      201: { description: 'counted', body: PaperBallotCounted },
      202: { description: 'held until a second staff member enters the same ballot', body: PaperBallotPending },
    },
    errors: {
      ...unknownBox,
      ...forbidden,
      400: ['idempotency.key-invalid'],
      409: ['ballot.already-cast', 'ballot.box-closed', 'ballot.entry-mismatch', 'ballot.same-clerk'],
      422: [
        'idempotency.key-reused',
        'ballot.bad-matters',
        'ballot.unknown-unit',
        'ballot.proxy-needs-authorisation',
        'attachment.not-uploaded',
        'attachment.bad-reference',
      ],
    },
  },
  {
    method: 'get',
    path: '/api/votes/:boxId/entries',
    tag: 'votes',
    summary: '待复核的书面票录入与不一致的录入 / pending first entries and mismatching second entries',
    params: BoxParams,
    examples: boxExample,
    responses: { 200: { description: 'the entries', body: EntriesResponse } },
    errors: unknownBox,
  },
  {
    method: 'get',
    path: '/api/votes/:boxId/conflicts',
    tag: 'votes',
    summary: '被拒绝的重复投票（对账） / refused second ballots, for reconciliation',
    params: BoxParams,
    examples: boxExample,
    responses: { 200: { description: 'the conflicts', body: ConflictsResponse } },
    errors: unknownBox,
  },
  {
    method: 'post',
    path: '/api/compounds/:compound/electorate',
    tag: 'votes',
    summary:
      '导入小区业主名册（CSV 或 JSON，至多 10 MB；任一行有误则不导入） / import a compound’s roll (CSV or JSON, ≤ 10 MB; nothing on any bad row)',
    params: CompoundParams,
    binaryBody: {
      contentTypes: ['text/csv', 'application/json'],
      description:
        'CSV with the header unit,building,stairwell,room,area_m2,developer_held,owner_id,owner_name,owner_phone,owner_id_number, or a JSON array of such row objects',
    },
    examples: { parameters: compoundExample },
    responses: { 200: { description: 'the counts and the roll’s snapshot', body: ImportResponse } },
    errors: {
      ...forbidden,
      400: ['electorate.invalid'],
      413: ['request.too-large'],
      415: ['request.unsupported-media-type'],
    },
  },
  {
    method: 'patch',
    path: '/api/compounds/:compound/electorate/units/:unit',
    tag: 'votes',
    summary:
      '修改名册中的一个专有部分（含过户），记审计（不记录身份证号和电话） / edit one part of the roll (a transfer too), audited without ID numbers or phones',
    params: UnitParams,
    body: UnitEditBody,
    examples: { parameters: { ...compoundExample, unit: '1-1' }, body: { room: '101', reason: '登记簿更正' } },
    responses: { 200: { description: 'the part and its audit entry', body: UnitEditResponse } },
    errors: {
      ...forbidden,
      404: ['electorate.unknown-unit'],
      422: ['electorate.missing-owner', 'electorate.missing-owner-name', 'electorate.invalid-area'],
    },
  },
];
