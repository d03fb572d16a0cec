import { Outbox } from '../../../activities/notify/outbox';
import { loadConfig } from '../../config';
import { printJson } from '../output';

/** `gongzhi outbox [--case <id>] [--json]`: the notifications the default channel recorded. */
export async function outboxCommand(options: { case?: string; json?: boolean }): Promise<void> {
  const notifications = await new Outbox(loadConfig().dataDir).read(options.case);
  if (options.json) return printJson(notifications);
  for (const notification of notifications) {
    process.stdout.write(
      `${notification.deliveredAt}  ${notification.caseId}  → ${notification.recipientRole}@${notification.recipientUnit}  [${notification.reason}] ${notification.message.zh}\n`,
    );
  }
}
