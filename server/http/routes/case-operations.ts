import { z } from 'zod';
import { CaseRow, InboxTask } from '../../read-model';
import type { ApiOperation } from '../api-operation';
import {
  CancelCaseBody,
  CaseIdParams,
  CaseSnapshotView,
  CompleteTaskBody,
  InboxQuery,
  ListCasesQuery,
  StartCaseBody,
  StartCaseResponse,
  TaskParams,
} from './case-schemas';

/** The demo directory's compound where community staff start cases (examples). */
const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

const SnapshotResponse = z.object({ snapshot: CaseSnapshotView });
const idempotencyHeader = {
  'Idempotency-Key':
    '可选；重试同一请求时带同一个键，只会生效一次 / optional; retrying with the same key acts exactly once',
};

/** The case and inbox routes, for the OpenAPI document. */
export const caseOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/cases',
    tag: 'cases',
    examples: {
      body: { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: '3号楼电梯停运' } },
    },
    summary: '立案：按已发布流程版本启动案件 / start a case on a published template version',
    body: StartCaseBody,
    headers: idempotencyHeader,
    responses: {
      201: { description: 'started', body: StartCaseResponse },
      200: { description: 'a retry with the same Idempotency-Key: the case it started', body: StartCaseResponse },
    },
    errors: {
      400: ['request.invalid', 'request.malformed-json', 'idempotency.key-invalid'],
      403: ['case.start-forbidden'],
      404: ['template.not-found', 'template.version-not-found'],
      409: ['template.retired', 'template.not-published'],
      422: ['case.start-invalid', 'org-unit.not-found', 'template.out-of-scope', 'idempotency.key-reused'],
    },
  },
  {
    method: 'get',
    path: '/api/cases',
    tag: 'cases',
    examples: {
      parameters: {
        templateKey: 'resident-complaint',
        status: 'running',
        orgUnit: compound,
        overdue: 'false',
        limit: 20,
      },
    },
    summary: '案件列表（读模型；可按流程、状态、组织子树、超期、日期筛选） / list cases from the read model',
    query: ListCasesQuery,
    responses: {
      200: {
        description: 'a page of cases, newest first',
        body: z.object({ cases: z.array(CaseRow), nextCursor: z.string().optional() }),
      },
    },
    errors: { 400: ['request.invalid', 'request.invalid-cursor'] },
  },
  {
    method: 'get',
    path: '/api/cases/:id',
    tag: 'cases',
    summary: '案件实时快照（工作流查询） / the live snapshot of a case (workflow Query)',
    params: CaseIdParams,
    responses: { 200: { description: 'the snapshot', body: SnapshotResponse } },
    errors: { 404: ['case.not-found'] },
  },
  {
    method: 'post',
    path: '/api/cases/:id/tasks/:taskId/complete',
    tag: 'cases',
    examples: { parameters: { taskId: 'property-handles.1' }, body: { outcome: 'resolved', data: { note: '已修复' } } },
    summary: '办理任务：选择结果并提交表单 / complete a task with an outcome and form data',
    params: TaskParams,
    body: CompleteTaskBody,
    headers: idempotencyHeader,
    responses: { 200: { description: 'the new snapshot', body: SnapshotResponse } },
    errors: {
      403: ['task.actor-lacks-role', 'case.read-only'],
      404: ['case.not-found'],
      409: ['task.not-open', 'case.not-running'],
      422: ['task.outcome-not-allowed', 'task.form-invalid'],
    },
  },
  {
    method: 'post',
    path: '/api/cases/:id/cancel',
    tag: 'cases',
    examples: { body: { reason: '居民撤回 / withdrawn by the resident' } },
    summary: '撤销案件（须说明理由） / cancel a case with a reason',
    params: CaseIdParams,
    body: CancelCaseBody,
    headers: idempotencyHeader,
    responses: { 200: { description: 'the cancelled case', body: SnapshotResponse } },
    errors: { 403: ['case.cancel-forbidden', 'case.read-only'], 404: ['case.not-found'], 409: ['case.not-running'] },
  },
  {
    method: 'get',
    path: '/api/inbox',
    tag: 'inbox',
    summary: '我的待办：按期限排序，标出超期 / my open tasks, soonest deadline first, overdue flagged',
    query: InboxQuery,
    responses: {
      200: {
        description: 'a page of open tasks',
        body: z.object({ tasks: z.array(InboxTask), nextCursor: z.string().optional() }),
      },
    },
    errors: { 400: ['request.invalid', 'request.invalid-cursor'] },
  },
];
