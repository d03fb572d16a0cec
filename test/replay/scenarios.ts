import type { CaseService } from '../../server/cases/case-service';
import { loadRunnableTemplate, runnable } from '../../server/templates/built-in';
import { CURRENT_ENGINE_VERSION } from '../../workflows/case-input';
import { actor, community, compound, street } from '../support/case-harness';
import { ladderReplayDefinition } from './ladder-definition';

/**
 * Scenarios recorded into committed histories (`npm run record:histories`) and replayed against the current
 * workflow code by test/replay.test.ts. Together they pass through every node kind of both reference templates.
 * `settle` lets timers and activities run (the recorder uses the time-skipping server).
 */
export interface Scenario {
  name: string;
  run(service: CaseService, settle: (duration: string) => Promise<void>): Promise<string>;
}

const pm = actor('wang-pm', 'property-manager', compound);
const secretary = actor('li-secretary', 'branch-secretary', compound);
const communitySecretary = actor('zhao-secretary', 'community-secretary', community);
const staff = actor('chen-staff', 'community-staff', community);
const committee = actor('zhou-committee', 'owners-committee', compound);
const housing = actor('sun-housing', 'street-housing', street);
const whistleOffice = actor('xigu-office', 'street-office', street);
const district = 'jian/jizhou';
const chengguan = actor('cg-zhang', 'dept-chengguan', district);
const zhujian = actor('zj-li', 'dept-zhujian', district);

async function start(
  service: CaseService,
  template: string,
  variables: Record<string, unknown>,
  caseId: string,
): Promise<string> {
  await service.start({
    runnable: await loadRunnableTemplate(template),
    orgUnit: compound,
    variables,
    startedBy: 'chen-staff',
    caseId,
  });
  return caseId;
}

/** Runs one whistle action as `by` (request ids are unique within the scenario). */
async function whistleAct(
  service: CaseService,
  caseId: string,
  [requestId, workItemId, action]: [string, string, string],
  input: Record<string, unknown>,
  by: ReturnType<typeof actor>,
): Promise<void> {
  await service.act(caseId, { requestId, workItemId, action, input, actor: by });
}

export const scenarios: Scenario[] = [
  {
    // 城管 leads, 住建 co-handles. Who accepts the co-handler's report is the one step whose actor depends on the
    // engine the case started on: the office on engine 2 (whistle kind 1), the lead department on engine 3 (kind 2).
    name: 'street-whistle-settled',
    async run(service, settle) {
      const caseId = 'replay-street-whistle';
      await service.start({
        runnable: await loadRunnableTemplate('street-whistle'),
        orgUnit: street,
        variables: { summary: '占道经营油烟扰民' },
        startedBy: 'xigu-office',
        caseId,
      });
      await settle('1 second');
      const office = 'whistle.1~office';
      const cg = 'whistle.1~dept-chengguan';
      const zj = 'whistle.1~dept-zhujian';
      await whistleAct(
        service,
        caseId,
        ['s1', office, 'summon'],
        { role: 'dept-chengguan', unit: district },
        whistleOffice,
      );
      await whistleAct(
        service,
        caseId,
        ['s2', office, 'summon'],
        { role: 'dept-zhujian', unit: district },
        whistleOffice,
      );
      await settle('1 second');
      await whistleAct(service, caseId, ['i1', cg, 'report-in'], {}, chengguan);
      await whistleAct(service, caseId, ['i2', zj, 'report-in'], {}, zhujian);
      await settle('1 second');
      await whistleAct(service, caseId, ['b1', zj, 'report-back'], { summary: '违建已拆除' }, zhujian);
      const reviewer = CURRENT_ENGINE_VERSION >= 3 ? chengguan : whistleOffice;
      await whistleAct(service, caseId, ['a1', zj, 'accept'], { note: '已核实' }, reviewer);
      await whistleAct(service, caseId, ['b2', cg, 'report-back'], { summary: '已取缔占道摊点' }, chengguan);
      await whistleAct(service, caseId, ['a2', cg, 'accept'], { note: '现场核验' }, whistleOffice);
      await whistleAct(
        service,
        caseId,
        ['c1', office, 'close'],
        { result: 'settled', note: '已整改', ratings: { [cg]: 'satisfied', [zj]: 'basically-satisfied' } },
        whistleOffice,
      );
      await settle('1 second');
      await whistleAct(
        service,
        caseId,
        ['r1', office, 'record-callback'],
        { contactedInTime: true, resolved: true, satisfaction: 'satisfied' },
        whistleOffice,
      );
      await settle('1 second');
      return caseId;
    },
  },
  {
    name: 'complaint-escalated-overdue-then-resolved',
    async run(service, settle) {
      const caseId = await start(service, 'resident-complaint', { summary: '电梯停运' }, 'replay-complaint-ladder');
      await settle('25 hours'); // reminder, then the interrupting SLA breaches
      await service.completeTask(caseId, {
        requestId: 'm1',
        taskId: 'compound-meeting.1',
        outcome: 'escalate',
        data: { minutes: 'att:m1', decision: '提交社区' },
        actor: secretary,
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'c1',
        taskId: 'community-meeting.1',
        outcome: 'resolved',
        data: { decision: '更换主板' },
        actor: communitySecretary,
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'b1',
        taskId: 'callback.1',
        outcome: 'not-satisfied',
        data: { rating: 'poor' },
        actor: staff,
      });
      await settle('5 days'); // the non-interrupting meeting SLA breaches and escalates
      await service.completeTask(caseId, {
        requestId: 'm2',
        taskId: 'compound-meeting.2',
        outcome: 'resolved',
        data: { minutes: 'att:m2', decision: '维保单位返修' },
        actor: secretary,
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'b2',
        taskId: 'callback.2',
        outcome: 'satisfied',
        data: { rating: 'good' },
        actor: staff,
      });
      return caseId;
    },
  },
  {
    name: 'complaint-cancelled',
    async run(service, settle) {
      const caseId = await start(service, 'resident-complaint', { summary: '重复诉求' }, 'replay-complaint-cancelled');
      await settle('1 second');
      await service.cancel(caseId, { requestId: 'x1', reason: '居民撤回', actor: 'chen-staff' });
      return caseId;
    },
  },
  {
    name: 'repair-major-approved',
    async run(service, settle) {
      const caseId = await start(service, 'maintenance-fund-repair', { repairItem: '屋面防水' }, 'replay-repair-major');
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'q',
        taskId: 'quote.1',
        outcome: 'submitted',
        data: { amount: 86000, quoteDocument: 'att:q' },
        actor: pm,
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'c',
        taskId: 'committee-reviews.1',
        outcome: 'done',
        data: { opinion: 'approve' },
        actor: committee,
      });
      await service.completeTask(caseId, {
        requestId: 'h',
        taskId: 'housing-reviews.1',
        outcome: 'done',
        data: { opinion: 'approve' },
        actor: housing,
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'r',
        taskId: 'repair.1',
        outcome: 'completed',
        data: { acceptanceReport: 'att:r' },
        actor: pm,
      });
      await settle('9 days'); // publicity period
      return caseId;
    },
  },
  {
    name: 'repair-minor-rejected',
    async run(service, settle) {
      const caseId = await start(service, 'maintenance-fund-repair', { repairItem: '单元门禁' }, 'replay-repair-minor');
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'q',
        taskId: 'quote.1',
        outcome: 'submitted',
        data: { amount: 3200, quoteDocument: 'att:q' },
        actor: pm,
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'a',
        taskId: 'committee-approves.1',
        outcome: 'reject',
        data: {},
        actor: committee,
      });
      await settle('1 second');
      return caseId;
    },
  },
  {
    // Engine 4: the escalation ladder — a person's decision up a rung, a working-day rung deadline, an SLA breach up
    // a rung, the top rung's deadline passing (with its notification) and the settlement on the top rung.
    name: 'ladder-escalated-settled',
    async run(service, settle) {
      const caseId = 'replay-ladder';
      await service.start({
        runnable: runnable(ladderReplayDefinition, 1),
        orgUnit: compound,
        variables: {},
        startedBy: 'chen-staff',
        caseId,
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'l1',
        taskId: 'property-handles.1',
        outcome: 'unresolved',
        data: { note: '涉及公共部位，物业无法单独处理' },
        actor: actor('wang-pm', 'property-manager', compound),
      });
      await settle('1 second');
      await service.completeTask(caseId, {
        requestId: 'l2',
        taskId: 'community-handles.1',
        outcome: 'refer',
        data: {},
        actor: communitySecretary,
      });
      await settle('49 hours'); // the street's interrupting SLA breaches: up to the district
      await settle('25 hours'); // the district rung's deadline passes: ladder.rung-overdue, supervision notified
      await service.completeTask(caseId, {
        requestId: 'l3',
        taskId: 'district-supervision.1',
        outcome: 'closed',
        data: { note: '区督办协调解决' },
        actor: actor('qu-duban', 'supervision', 'jian/jizhou'),
      });
      await settle('1 second');
      return caseId;
    },
  },
];
