import { loadConfig } from '../../config';
import type { Database } from '../../db/database';
import { openDatabase } from '../../db/open-database';
import { findOutboxEntry, listOutbox } from '../../notifications/outbox-queries';
import { retryDeadNotification } from '../../notifications/outbox-store';
import { OutboxStatus, type OutboxEntry } from '../../notifications/schemas';
import { readEmbeddedState } from '../../temporal/embedded-state';
import { CliError, printJson } from '../output';

/** Rows printed per run; `--json` pages are the same size. */
const pageSize = 500;

/** Opens the outbox's database; refuses the embedded one while `npm start` holds it (one process opens PGlite). */
async function openOutboxDatabase(): Promise<Database> {
  const config = loadConfig();
  if (!config.databaseUrl && readEmbeddedState(config.dataDir)) {
    throw new CliError(
      'outbox.database-busy',
      `内嵌数据库正被运行中的 npm start 使用（${config.dataDir}）：请先停止它，或设置 DATABASE_URL，或用 GET /api/notifications/dead-letters / ` +
        `the embedded database is in use by a running npm start (${config.dataDir}): stop it, set DATABASE_URL, or use GET /api/notifications/dead-letters`,
    );
  }
  return openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
}

function describe(entry: OutboxEntry): string {
  const when = entry.deliveredAt ?? entry.deadAt ?? entry.nextAttemptAt ?? entry.createdAt;
  const error = entry.lastError ? `\n      ${entry.lastError}` : '';
  return (
    `#${entry.id}  ${entry.status.padEnd(9)} ${when}  ${entry.caseId}  ${entry.channel} → ` +
    `${entry.recipientRole}@${entry.recipientUnit} (${entry.recipients.length} 人 / recipients)  ` +
    `[${entry.reason}, ${entry.attempts} 次尝试 / attempts] ${entry.message.zh}${error}\n`
  );
}

/**
 * `gongzhi outbox [--case <id>] [--status pending|delivered|dead] [--json]`: the notification outbox, newest first;
 * `gongzhi outbox retry <id>` puts a dead-lettered notification back in the queue.
 */
export async function outboxCommand(
  subcommand: string | undefined,
  argument: string | undefined,
  options: { case?: string; status?: string; json?: boolean },
): Promise<void> {
  if (subcommand === 'retry') return retryCommand(argument, options);
  if (subcommand !== undefined) {
    throw new CliError('cli.usage', `未知子命令 / unknown subcommand: outbox ${subcommand}`, 2);
  }
  const status = options.status === undefined ? undefined : OutboxStatus.safeParse(options.status);
  if (status && !status.success) {
    throw new CliError(
      'cli.usage',
      `--status 应为 ${OutboxStatus.options.join('、')} 之一 / --status must be one of ${OutboxStatus.options.join(', ')}`,
      2,
    );
  }
  const db = await openOutboxDatabase();
  try {
    const page = await listOutbox(db, {
      limit: pageSize,
      ...(options.case !== undefined && { caseId: options.case }),
      ...(status?.data !== undefined && { status: status.data }),
    });
    if (options.json) return printJson(page);
    for (const entry of page.entries) process.stdout.write(describe(entry));
    if (page.nextCursor) process.stdout.write(`… 仅显示最新 ${pageSize} 条 / only the newest ${pageSize} shown\n`);
  } finally {
    await db.close();
  }
}

async function retryCommand(argument: string | undefined, options: { json?: boolean }): Promise<void> {
  const id = Number(argument);
  if (argument === undefined || !/^\d{1,15}$/.test(argument) || id < 1) {
    throw new CliError('cli.usage', '用法 / usage: gongzhi outbox retry <通知编号 / notification id>', 2);
  }
  const db = await openOutboxDatabase();
  try {
    const entry = await findOutboxEntry(db, id);
    if (!entry) throw new CliError('notification.not-found', `没有通知 ${id} / no notification ${id}`);
    if (!(await retryDeadNotification(db, id, new Date()))) {
      throw new CliError(
        'notification.not-dead',
        `通知 ${id} 不在死信中（状态：${entry.status}） / notification ${id} is not dead-lettered (${entry.status})`,
      );
    }
    const retried = await findOutboxEntry(db, id);
    if (options.json) return printJson(retried);
    process.stdout.write(`✓ 通知 #${id} 已重新排队 / notification #${id} queued again\n`);
  } finally {
    await db.close();
  }
}
