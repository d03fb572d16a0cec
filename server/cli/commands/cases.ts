import { randomUUID } from 'node:crypto';
import type { CaseSnapshot } from '../../../workflows/messages';
import { loadRunnableTemplate } from '../../templates/built-in';
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
  const started = await withCaseService((service) =>
    service.start({ runnable, orgUnit: options.org!, variables, startedBy: options.as ?? 'cli', caseId: options.id }),
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
  const snapshot = await withCaseService((service) =>
    service.cancel(caseId, { requestId: randomUUID(), reason: options.reason!, actor: options.as ?? 'cli' }),
  );
  print(snapshot, options.json);
}

/**
 * `gongzhi task complete <case> <task> --outcome <o> --as <user>[:<role>@<org unit>] [--data <json>] [--request-id <id>]`
 * Without `:<role>@<unit>` the admin CLI acts for `<user>` in the task's own assignee role and unit; the workflow
 * still checks the role. With it, the membership is exactly what is given (so a wrong role is refused).
 */
export async function taskCompleteCommand(
  caseId: string | undefined,
  taskId: string | undefined,
  options: CommonOptions & { outcome?: string; data?: string; 'request-id'?: string },
): Promise<void> {
  if (!caseId || !taskId || !options.outcome || !options.as) {
    throw new CliError(
      'cli.usage',
      '用法 / usage: gongzhi task complete <案件> <任务> --outcome <结果> --as <用户>[:<角色>@<单位>] [--data <json>]',
      2,
    );
  }
  const data = parseJsonArgument('--data', options.data);
  const [userId, membership] = options.as.split(':', 2) as [string, string | undefined];
  const snapshot = await withCaseService(async (service) => {
    let role: string | undefined;
    let orgUnit: string | undefined;
    if (membership) [role, orgUnit] = membership.split('@', 2);
    else {
      const task = (await service.snapshot(caseId)).openTasks.find((open) => open.id === taskId);
      if (task) [role, orgUnit] = [task.assigneeRole, task.assigneeUnit];
    }
    const memberships = role && orgUnit ? [{ role, orgUnit }] : [];
    return service.completeTask(caseId, {
      requestId: options['request-id'] ?? randomUUID(),
      taskId,
      outcome: options.outcome!,
      data,
      actor: { id: userId, memberships },
    });
  });
  print(snapshot, options.json);
}

function print(snapshot: CaseSnapshot, json: boolean | undefined): void {
  if (json) printJson(snapshot);
  else process.stdout.write(describeCase(snapshot));
}
