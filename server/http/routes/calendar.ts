import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { computeDeadline } from '../../../activities/deadline/compute-deadline';
import { bundledScheduleYears } from '../../../activities/deadline/holiday-calendar';
import { importedCalendarSource, schedulesInForce } from '../../../activities/deadline/imported-schedules';
import { unitsWithRole } from '../../access/policy';
import { recomputeProvisionalDeadlines } from '../../calendar/recompute-deadlines';
import { parseScheduleCsv, validateSchedule, type RawEntry } from '../../calendar/schedule-import';
import { listScheduleVersions, storeSchedule } from '../../calendar/schedule-store';
import type { Database } from '../../db/database';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import type { ApiOperation } from '../api-operation';
import { requireActor } from './require-actor';
import {
  DeadlineQuery,
  DeadlineResponse,
  ScheduleImportBody,
  ScheduleImportResponse,
  SchedulesResponse,
} from './calendar-schemas';

/**
 * The role that imports holiday schedules. The schedule is national and the org tree has no city-level admin role,
 * so it is the district admin (of any district) — the narrowest admin role there is; every import is recorded with
 * who made it (the versioned row is its audit record).
 */
export const scheduleImporterRole = 'district-admin';

/**
 * The same deadline arithmetic the workflow's calendar activity records (民法典 Arts. 201–203, working days with
 * holidays and make-up days, on the bundled years plus the imported ones), for the designer's live preview and for
 * people checking a deadline; and the imported holiday schedules (issue 11 §4).
 */
export function calendarRoutes(deps: { db: Database; temporal?: Client; now?: () => Date }): Router {
  const router = Router();
  const holidays = importedCalendarSource(deps.db);
  router.get('/calendar/deadline', async (req, res) => {
    const query = parseRequest(DeadlineQuery, req.query, 'query');
    const calendar = await holidays.calendar();
    try {
      const { deadline, provisional } = computeDeadline(query, calendar);
      res.json(DeadlineResponse.parse({ deadline, provisional }));
    } catch (error) {
      if (error instanceof Error && error.name === 'DeadlineInputError') {
        throw new HttpError(400, (error as Error & { code: string }).code, error.message, { query });
      }
      throw error;
    }
  });

  router.get('/calendar/schedules', async (_req, res) => {
    const inForce = await schedulesInForce(deps.db);
    res.json(
      SchedulesResponse.parse({
        bundledYears: bundledScheduleYears(),
        inForce: inForce.map(({ year, version, holidays: off, workdays }) => ({
          year,
          version,
          holidays: off,
          workdays,
        })),
        versions: await listScheduleVersions(deps.db),
      }),
    );
  });

  router.post('/calendar/schedules', async (req, res) => {
    const actor = requireActor(req);
    if (unitsWithRole(actor, scheduleImporterRole).length === 0) {
      throw new HttpError(
        403,
        'schedule.forbidden',
        say('只有区流程管理员可以导入节假日安排', 'only a district administrator may import a holiday schedule'),
      );
    }
    const body = parseRequest(ScheduleImportBody, req.body, 'body');
    const parsed = body.csv !== undefined ? parseScheduleCsv(body.csv) : { entries: fromJson(body), errors: [] };
    const validation =
      parsed.errors.length > 0
        ? { ok: false as const, errors: parsed.errors }
        : validateSchedule(body.year, parsed.entries);
    if (!validation.ok) {
      const [first] = validation.errors;
      throw new HttpError(
        400,
        'schedule.invalid',
        say(
          `节假日安排有 ${validation.errors.length} 处错误，未导入：${first?.message.split(' / ')[0]}`,
          `the holiday schedule has ${validation.errors.length} error(s); nothing imported: ${first?.message.split(' / ')[1]}`,
        ),
        { errors: validation.errors },
      );
    }
    let schedule;
    try {
      schedule = await storeSchedule(deps.db, {
        schedule: validation.schedule,
        hash: validation.hash,
        importedBy: actor.id,
        at: deps.now?.() ?? new Date(),
        ...(body.note !== undefined && { note: body.note }),
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'ScheduleImportRefused') {
        const refused = error as Error & { code: string; details: Record<string, unknown> };
        throw new HttpError(409, refused.code, refused.message, refused.details);
      }
      throw error;
    }
    const recompute = deps.temporal
      ? await recomputeProvisionalDeadlines({ db: deps.db, client: deps.temporal }, schedule, actor.id)
      : null;
    res.status(201).json(ScheduleImportResponse.parse({ schedule, recompute }));
  });
  return router;
}

function fromJson(body: ScheduleImportBody): RawEntry[] {
  return (body.entries ?? []).map((entry, index) => ({ ...entry, row: index + 1 }));
}

const newYearSchedule = {
  year: 2027,
  note: '测试数据 / test data',
  entries: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
  ],
};

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
  {
    method: 'get',
    path: '/api/calendar/schedules',
    tag: 'calendar',
    summary:
      '节假日安排：软件包所含年份、导入的现行年份及各版本 / holiday schedules: bundled years, imported years in force, every version',
    responses: { 200: { description: 'the schedules', body: SchedulesResponse } },
  },
  {
    method: 'post',
    path: '/api/calendar/schedules',
    tag: 'calendar',
    summary:
      '导入一年的国务院节假日安排（区流程管理员），并重算运行中案件的临时时限 / import a year’s State Council holiday schedule (district admin) and recompute running cases’ provisional deadlines',
    body: ScheduleImportBody,
    examples: { body: newYearSchedule },
    responses: { 201: { description: 'the version now in force', body: ScheduleImportResponse } },
    errors: {
      400: ['request.invalid', 'schedule.invalid'],
      403: ['schedule.forbidden'],
      409: ['schedule.unchanged', 'schedule.concurrent-import'],
    },
  },
];
