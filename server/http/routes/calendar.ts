import { Router } from 'express';
import { computeDeadline } from '../../../activities/deadline/compute-deadline';
import { HttpError } from '../errors';
import { parseRequest } from '../parse-request';
import type { ApiOperation } from '../api-operation';
import { DeadlineQuery, DeadlineResponse } from './calendar-schemas';

/**
 * The same deadline arithmetic the workflow's calendar activity records (民法典 Arts. 201–203, working days with
 * holidays and make-up days), for the designer's live preview and for people checking a deadline.
 */
export function calendarRoutes(): Router {
  const router = Router();
  router.get('/calendar/deadline', (req, res) => {
    const query = parseRequest(DeadlineQuery, req.query, 'query');
    try {
      res.json(DeadlineResponse.parse(computeDeadline(query)));
    } catch (error) {
      if (error instanceof Error && error.name === 'DeadlineInputError') {
        throw new HttpError(400, (error as Error & { code: string }).code, error.message, { query });
      }
      throw error;
    }
  });
  return router;
}

export const calendarOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/calendar/deadline',
    tag: 'calendar',
    examples: { parameters: { from: '2025-09-30T10:00:00+08:00', within: 'P3D', calendar: 'workdays' } },
    summary: '计算期限（自然日或工作日） / compute a deadline on natural days or working days',
    query: DeadlineQuery,
    responses: { 200: { description: 'the deadline', body: DeadlineResponse } },
    errors: { 400: ['request.invalid', 'duration.invalid', 'deadline.invalid-from', 'deadline.too-far'] },
  },
];
