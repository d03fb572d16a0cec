import { Router } from 'express';
import type { Actor } from '../../../definitions/org';
import { caseVisibility, seesCaseUnit } from '../../access/policy';
import type { Database } from '../../db/database';
import { ladderMeasures } from '../../read-model/ladder-measures';
import { officeScores } from '../../read-model/office-scores';
import { defaultThreeRatesSettings, threeRates } from '../../read-model/three-rates';
import type { ApiOperation } from '../api-operation';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import {
  LadderQuery,
  LadderResponse,
  OfficeScoresQuery,
  OfficeScoresResponse,
  ThreeRatesQuery,
  ThreeRatesResponse,
  type ThreeRatesSettings,
} from './kpi-schemas';
import { requireActor } from './require-actor';

/** KPIs are read by jurisdiction: whoever reads the cases of the unit (street and district offices, supervision, auditors). */
function requireKpiScope(actor: Actor, unit: string): void {
  if (!seesCaseUnit(caseVisibility(actor), unit)) {
    throw new HttpError(
      403,
      'kpi.out-of-scope',
      say(`无权查看“${unit}”的考核数据`, `you may not read the figures of "${unit}"`),
    );
  }
}

/**
 * 双考核 (issue 11 §3) for whoever reads the cases of a unit by jurisdiction:
 * - `GET /api/kpis/three-rates`: the response, resolution and satisfaction rates of the departments (or streets)
 *   summoned by the whistles blown under a unit in a period, with the counts behind each and exact fractions;
 * - `GET /api/kpis/office-scores`: the summoning street offices' own scores — whistles without an upheld objection,
 *   median time to rule on objections and extensions, whistles closed within the report-back deadline. A route of its
 *   own rather than a third `groupBy`: its rows are whistles and rulings, not assignments and callbacks, so its answer
 *   is another schema, and the three-rates answer stays as its clients know it.
 */
export function kpiRoutes(deps: { db: Database; settings?: ThreeRatesSettings }): Router {
  const router = Router();
  router.get('/kpis/three-rates', async (req, res) => {
    const actor = requireActor(req);
    const query = parseRequest(ThreeRatesQuery, req.query, 'query');
    requireKpiScope(actor, query.unit);
    res.json(ThreeRatesResponse.parse(await threeRates(deps.db, query, deps.settings ?? defaultThreeRatesSettings)));
  });
  router.get('/kpis/office-scores', async (req, res) => {
    const actor = requireActor(req);
    const query = parseRequest(OfficeScoresQuery, req.query, 'query');
    requireKpiScope(actor, query.unit);
    res.json(OfficeScoresResponse.parse(await officeScores(deps.db, query)));
  });
  router.get('/kpis/ladder', async (req, res) => {
    const actor = requireActor(req);
    const query = parseRequest(LadderQuery, req.query, 'query');
    requireKpiScope(actor, query.unit);
    res.json(LadderResponse.parse(await ladderMeasures(deps.db, query)));
  });
  return router;
}

export const kpiOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/kpis/three-rates',
    tag: 'kpis',
    examples: { parameters: { unit: 'jian/jizhou', from: '2026-11-01', to: '2026-11-30', groupBy: 'department' } },
    summary:
      '三率：各部门（或街道）的响应率、解决率、满意率及其计数 / the three rates of departments or streets, with their counts',
    query: ThreeRatesQuery,
    responses: {
      200: { description: 'the rates per group, as exact fractions and percentages', body: ThreeRatesResponse },
    },
    errors: { 400: ['request.invalid'], 403: ['kpi.out-of-scope'] },
  },
  {
    method: 'get',
    path: '/api/kpis/office-scores',
    tag: 'kpis',
    examples: { parameters: { unit: 'jian/jizhou', from: '2026-11-01', to: '2026-11-30' } },
    summary:
      '吹哨街道的考核：无异议成立率、异议与延期裁定用时中位数、按时结哨率 / the summoning street offices’ own scores',
    query: OfficeScoresQuery,
    responses: {
      200: {
        description: 'per street office: counts, exact fractions and percentages, medians with their sample counts',
        body: OfficeScoresResponse,
      },
    },
    errors: { 400: ['request.invalid'], 403: ['kpi.out-of-scope'] },
  },
  {
    method: 'get',
    path: '/api/kpis/ladder',
    tag: 'kpis',
    examples: { parameters: { unit: 'jian/jizhou', from: '2026-11-01', to: '2026-11-30' } },
    summary:
      '小事不出小区，大事不出社区：各层级解决数与占比、解决用时中位数、按原因的上报数、会议出席率 / the escalation-ladder measures',
    query: LadderQuery,
    responses: {
      200: {
        description: 'cases settled per rung, escalations by cause and meeting attendance, as exact fractions',
        body: LadderResponse,
      },
    },
    errors: { 400: ['request.invalid'], 403: ['kpi.out-of-scope'] },
  },
];
