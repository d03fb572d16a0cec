import { z } from 'zod';
import { CaseRow, DoneItemPage, InboxPage } from '../../read-model';
import type { ApiOperation } from '../api-operation';
import {
  ActResponse,
  CancelCaseBody,
  CaseIdParams,
  CaseSnapshotView,
  CompleteTaskBody,
  IncidentDecisionBody,
  IncidentParams,
  InboxQuery,
  ListCasesQuery,
  StartCaseBody,
  StartCaseResponse,
  TaskParams,
  WorkItemActionBody,
  WorkItemActionParams,
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
    summary:
      '立案：按已发布流程版本启动案件（一个案件编号只运行一次；应答读模型中的案件，不等待工作流） / start a case on a published template version (one run per case id; answers with the read-model row, without waiting on the workflow)',
    body: StartCaseBody,
    headers: idempotencyHeader,
    responses: {
      201: { description: 'started', body: StartCaseResponse },
      200: {
        description:
          'a retry with the same Idempotency-Key (at any time, also after the case closed): the case it started',
        body: StartCaseResponse,
      },
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
    summary:
      '案件详情：办理中的案件经工作流查询，已结束的案件取自读模型 / one case: live through the workflow Query while running, from the read model once closed',
    params: CaseIdParams,
    responses: { 200: { description: 'the case, its work items, incidents and timeline', body: SnapshotResponse } },
    errors: { 400: ['request.invalid'], 404: ['case.not-found'] },
  },
  {
    method: 'post',
    path: '/api/cases/:id/tasks/:taskId/complete',
    tag: 'cases',
    examples: { parameters: { taskId: 'property-handles.1' }, body: { outcome: 'resolved', data: { note: '已修复' } } },
    summary:
      '办理任务：选择结果并提交表单（任务的 complete 动作） / complete a task with an outcome and form data (its complete action)',
    params: TaskParams,
    body: CompleteTaskBody,
    headers: idempotencyHeader,
    responses: { 200: { description: 'the case status and the work items the action changed', body: ActResponse } },
    errors: {
      400: ['request.invalid', 'request.malformed-json', 'idempotency.key-invalid'],
      403: ['task.actor-lacks-role', 'case.read-only'],
      404: ['case.not-found'],
      409: ['task.not-open', 'work-item.not-open', 'task.objection-pending', 'case.not-running'],
      422: [
        'task.outcome-not-allowed',
        'task.form-invalid',
        'task.input-invalid',
        'attachment.not-uploaded',
        'attachment.bad-reference',
      ],
    },
  },
  {
    method: 'post',
    path: '/api/cases/:id/work-items/:itemId/actions/:action',
    tag: 'cases',
    summary:
      '对工作项执行节点类型声明的动作（如 complete、object、request-extension）；拒绝码以节点类型开头（<kind>.…） / take an action a node kind declares on a work item; refusal codes start with the kind (<kind>.…)',
    params: WorkItemActionParams,
    body: WorkItemActionBody,
    headers: idempotencyHeader,
    responses: { 200: { description: 'the case status and the work items the action changed', body: ActResponse } },
    errors: {
      400: ['request.invalid', 'request.malformed-json', 'idempotency.key-invalid'],
      403: ['<kind>.actor-lacks-role', 'case.read-only'],
      404: ['case.not-found'],
      409: [
        'work-item.not-open',
        '<kind>.action-not-allowed',
        '<kind>.move-not-offered',
        '<kind>.extension-limit',
        'task.objection-pending',
        'whistle.objection-window-closed',
        'whistle.already-summoned',
        'whistle.too-many-departments',
        'whistle.lead-taken',
        'whistle.departments-pending',
        'whistle.lead-not-accepted',
        'meeting.quorum-not-met',
        'meeting.minutes-required',
        'meeting.sign-in-too-early',
        'meeting.already-signed-in',
        'meeting.too-many-attendees',
        'whistle.co-handler-reports-pending',
        'case.not-running',
        'case.action-unsupported',
      ],
      422: [
        '<kind>.action-unknown',
        '<kind>.input-invalid',
        '<kind>.extension-invalid',
        'task.outcome-not-allowed',
        'task.form-invalid',
        'whistle.wrong-item',
        'whistle.department-unit',
        'whistle.rating-unknown',
        'meeting.notice-period',
        'meeting.position-missing',
        'meeting.action-item-owner',
        'whistle.delay-reason-required',
        'whistle.interim-limit',
        'directory.department-unknown',
        'attachment.not-uploaded',
        'attachment.bad-reference',
      ],
    },
  },
  ...(['retry', 'resolve'] as const).map((decision): ApiOperation => ({
    method: 'post',
    path: `/api/cases/:id/incidents/:incidentId/${decision}`,
    tag: 'cases',
    summary:
      decision === 'retry'
        ? '重试故障中失败的活动（区流程管理员） / run an incident’s failed activity again (district admins)'
        : '人工处理故障并写明说明（区流程管理员） / resolve an incident by hand with a note (district admins)',
    params: IncidentParams,
    body: IncidentDecisionBody,
    headers: idempotencyHeader,
    responses: { 200: { description: 'the case status after the decision', body: ActResponse } },
    errors: {
      400: ['request.invalid', 'request.malformed-json', 'idempotency.key-invalid'],
      403: ['incident.decide-forbidden'],
      404: ['case.not-found', 'incident.not-found'],
      409: ['incident.not-open', 'case.not-running', 'case.action-unsupported'],
    },
  })),
  {
    method: 'post',
    path: '/api/cases/:id/cancel',
    tag: 'cases',
    examples: { body: { reason: '居民撤回 / withdrawn by the resident' } },
    summary: '撤销案件（须说明理由） / cancel a case with a reason',
    params: CaseIdParams,
    body: CancelCaseBody,
    headers: idempotencyHeader,
    responses: { 200: { description: 'the cancelled case’s status', body: ActResponse } },
    errors: {
      400: ['request.invalid', 'request.malformed-json', 'idempotency.key-invalid'],
      403: ['case.cancel-forbidden', 'case.read-only'],
      404: ['case.not-found'],
      409: ['case.not-running'],
    },
  },
  {
    method: 'get',
    path: '/api/inbox',
    tag: 'inbox',
    summary:
      '我的待办：各类工作项（任务、吹哨报到、会议签到…）按期限排序，标出超期 / my open work items of every kind, soonest deadline first, overdue flagged',
    query: InboxQuery,
    responses: { 200: { description: 'a page of open work items', body: InboxPage } },
    errors: { 400: ['request.invalid', 'request.invalid-cursor'] },
  },
  {
    method: 'get',
    path: '/api/inbox/done',
    tag: 'inbox',
    summary: '已办：我完成的工作项，最近的在前 / the work items I completed, most recent first',
    query: InboxQuery,
    responses: { 200: { description: 'a page of completed work items', body: DoneItemPage } },
    errors: { 400: ['request.invalid', 'request.invalid-cursor'] },
  },
];
