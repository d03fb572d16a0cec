import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../definitions/org';
import type { CaseSnapshot } from '../../../workflows/messages';
import { loadRunnableTemplate } from '../../templates/built-in';
import { cliActorId, resolveCliActor } from '../cli-actor';
import { withCaseService } from '../connect';
import { CliError, parseJsonArgument, printJson } from '../output';
import { describeCase } from './describe-case';

interface CommonOptions {
  json?: boolean;
  as?: string;
}

/** `gongzhi case start <template|file.json> --org <unit> --data <json> [--as <user>] [--id <case id>] [--version <n>]` */
export async function caseStartCommand(
  template: string | undefined,
  options: CommonOptions & { org?: string; data?: string; id?: string; version?: string },
): Promise<void> {
  if (!template || !options.org) {
    throw new CliError(
      'cli.usage',
      '用法 / usage: gongzhi case start <模板|文件.json> --org <组织单位> [--data <json>] [--as <用户>]',
      2,
    );
  }
  const version = options.version === undefined ? 1 : Number(options.version);
  if (!Number.isInteger(version) || version < 1)
    throw new CliError('cli.usage', '--version 须为正整数 / --version must be a positive integer', 2);
  const runnable = await loadRunnableTemplate(template, version);
  const variables = parseJsonArgument('--data', options.data);
  const startedBy = cliActorId(await resolveCliActor(options.as));
  const started = await withCaseService((service) =>
    service.start({ runnable, orgUnit: options.org!, variables, startedBy, caseId: options.id }),
  );
  if (options.json) printJson(started);
  else process.stdout.write(`${started.caseId}${started.alreadyStarted ? '（已存在 / already started）' : ''}\n`);
}

/** `gongzhi case show <case id> [--json]` */
export async function caseShowCommand(caseId: string | undefined, options: CommonOptions): Promise<void> {
  if (!caseId) throw new CliError('cli.usage', '用法 / usage: gongzhi case show <案件编号>', 2);
  const snapshot = await withCaseService((service) => service.snapshot(caseId));
  print(snapshot, options.json);
}

/** `gongzhi case cancel <case id> --reason <text> [--as <user>]` */
export async function caseCancelCommand(
  caseId: string | undefined,
  options: CommonOptions & { reason?: string },
): Promise<void> {
  if (!caseId || !options.reason)
    throw new CliError('cli.usage', '用法 / usage: gongzhi case cancel <案件编号> --reason <理由>', 2);
  const actor = cliActorId(await resolveCliActor(options.as));
  const snapshot = await withCaseService((service) =>
    service.cancel(caseId, { requestId: randomUUID(), reason: options.reason!, actor }),
  );
  print(snapshot, options.json);
}

/**
 * `gongzhi task complete <case> <task> --outcome <o> --as <user>|system:<name> [--data <json>] [--request-id <id>]`
 * A directory user acts with their own memberships (the workflow checks the task's role against them); a system
 * actor, named as such and recorded so in the timeline, acts in the task's own assignee role.
 */
export async function taskCompleteCommand(
  caseId: string | undefined,
  taskId: string | undefined,
  options: CommonOptions & { outcome?: string; data?: string; 'request-id'?: string },
): Promise<void> {
  if (!caseId || !taskId || !options.outcome || !options.as) {
    throw new CliError(
      'cli.usage',
      '用法 / usage: gongzhi task complete <案件> <任务> --outcome <结果> --as <用户>|system:<名称> [--data <json>]',
      2,
    );
  }
  const data = parseJsonArgument('--data', options.data);
  const cliActor = await resolveCliActor(options.as);
  const snapshot = await withCaseService(async (service) => {
    let actor =
      cliActor.kind === 'user' ? cliActor.actor : { id: cliActor.id, memberships: [] as Actor['memberships'] };
    if (cliActor.kind === 'system') {
      const task = (await service.snapshot(caseId)).openTasks.find((open) => open.id === taskId);
      if (task) actor = { id: cliActor.id, memberships: [{ role: task.assigneeRole, orgUnit: task.assigneeUnit }] };
    }
    return service.completeTask(caseId, {
      requestId: options['request-id'] ?? randomUUID(),
      taskId,
      outcome: options.outcome!,
      data,
      actor,
    });
  });
  print(snapshot, options.json);
}

function print(snapshot: CaseSnapshot, json: boolean | undefined): void {
  if (json) printJson(snapshot);
  else process.stdout.write(describeCase(snapshot));
}
