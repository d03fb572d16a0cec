import { Router } from 'express';
import { caseVisibility, seesCaseUnit } from '../../access/policy';
import type { Database } from '../../db/database';
import { defaultThreeRatesSettings, threeRates } from '../../read-model/three-rates';
import type { ApiOperation } from '../api-operation';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { ThreeRatesQuery, ThreeRatesResponse, type ThreeRatesSettings } from './kpi-schemas';
import { requireActor } from './require-actor';

/**
 * `GET /api/kpis/three-rates` (三率, 双考核): the response, resolution and satisfaction rates of the departments (or
 * streets) summoned by the whistles blown under a unit in a period, with the counts behind each and exact fractions —
 * for whoever reads the cases of that unit by jurisdiction (street and district offices, supervision, auditors).
 */
export function kpiRoutes(deps: { db: Database; settings?: ThreeRatesSettings }): Router {
  const router = Router();
  router.get('/kpis/three-rates', async (req, res) => {
    const actor = requireActor(req);
    const query = parseRequest(ThreeRatesQuery, req.query, 'query');
    if (!seesCaseUnit(caseVisibility(actor), query.unit)) {
      throw new HttpError(
        403,
        'kpi.out-of-scope',
        say(`无权查看“${query.unit}”的考核数据`, `you may not read the figures of "${query.unit}"`),
      );
    }
    res.json(ThreeRatesResponse.parse(await threeRates(deps.db, query, deps.settings ?? defaultThreeRatesSettings)));
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
];
